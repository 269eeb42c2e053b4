/** Widest cell a table prints: names and labels come from files users control. */
const MAX_CELL = 64;

/**
 * A value as one table cell: control characters (a newline or an escape sequence in a container's name would
 * forge lines or drive the terminal) become `?`, and a long value is cut with `…`.
 */
export function tableCell(value: string | null | undefined, fallback = '-', max = MAX_CELL): string {
  if (value === undefined || value === null || value === '') return fallback;
  // eslint-disable-next-line no-control-regex
  const printable = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
  return printable.length > max ? `${printable.slice(0, max - 1)}…` : printable;
}
