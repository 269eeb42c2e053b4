/**
 * Whether a namespace's TCP table (`/proc/net/tcp` or `tcp6`) can have a line at all, from `/proc/net/sockstat`
 * (`TCP: inuse <n> orphan <n> tw <n> …`) and `/proc/net/sockstat6` (`TCP6: inuse <n>`). `inuse` counts the
 * namespace's sockets in the listening and established hashes (every state the table prints but TIME_WAIT and
 * request sockets), and `tw` its TIME_WAIT sockets (both families). A request socket (SYN_RECV) lives only
 * under a listener, so with both at 0 the table is empty, and reading it, which walks the host's whole socket
 * hash, can be skipped. Anything unexpected in the text answers "maybe": the table is then read. `sockstat6`
 * gives that file's text, or undefined when there is none.
 */
export function tcpTableMayHaveLines(
  sockstat: string,
  family: 'TCP' | 'TCP6',
  sockstat6?: () => string | undefined,
): boolean {
  if (counter(sockstat, 'TCP', 'tw') !== 0) return true;
  // sockstat6 is read only when its answer matters (no TIME_WAIT).
  const text = family === 'TCP' ? sockstat : sockstat6?.();
  return text === undefined || counter(text, family, 'inuse') !== 0;
}

/** The value after `name` on the line starting `<label>: `, or undefined when there is no such decimal. */
function counter(text: string, label: string, name: string): number | undefined {
  const prefix = `${label}: `;
  // Where a line starts with the label (a newline put in front finds the first line too).
  const found = `\n${text}`.indexOf(`\n${prefix}`);
  if (found < 0) return undefined;
  const end = text.indexOf('\n', found);
  // `name value name value …`
  const fields = text.slice(found + prefix.length, end < 0 ? text.length : end).split(' ');
  const at = fields.indexOf(name);
  const value = at < 0 || at % 2 !== 0 ? undefined : fields[at + 1];
  return value !== undefined && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}
