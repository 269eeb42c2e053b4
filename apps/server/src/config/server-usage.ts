import { envName, fileKey, SERVER_OPTIONS, type ServerOption } from './server-options.js';

const INFO_FLAGS = [
  ['--help', 'print this text and exit'],
  ['--version', 'print the version and exit'],
] as const;

function flagText(option: ServerOption): string {
  return `--${option.flag}${option.placeholder === undefined ? '' : ` ${option.placeholder}`}`;
}

/** `katamon-server --help`, from the option table. */
export function serverUsage(): string {
  const width = 26;
  const lines = ['usage: katamon-server [options]', ''];
  for (const option of SERVER_OPTIONS) {
    const choices = option.choices === undefined ? '' : ` (${option.choices.join('|')})`;
    const dflt = option.default === undefined ? '' : ` [default ${option.default}]`;
    lines.push(`  ${flagText(option).padEnd(width)} ${option.describe}${choices}${dflt} [${envName(option)}]`);
  }
  for (const [flag, text] of INFO_FLAGS) lines.push(`  ${flag.padEnd(width)} ${text}`);
  lines.push(
    '',
    'Each option is also an environment variable (lists ":"-separated) and a key of the --config file (lists as',
    'JSON arrays). A flag wins over its variable, a variable over the file, the file over the default.',
  );
  return lines.join('\n');
}

/** The settings table of `apps/server/README.md` (between its `server-options` markers). */
export function serverOptionsTable(): string {
  const rows = [
    '| flag | environment variable | config file key | default | meaning |',
    '| ---- | -------------------- | --------------- | ------- | ------- |',
  ];
  for (const option of SERVER_OPTIONS) {
    const key = fileKey(option);
    const list = option.kind === 'list' ? ' (repeatable)' : '';
    const choices = option.choices === undefined ? '' : ` (${option.choices.join(', ')})`;
    rows.push(
      `| \`${flagText(option)}\`${list} | \`${envName(option)}\` | ${key === undefined ? '—' : `\`${key}\``} | ${
        option.default === undefined ? '—' : `\`${option.default}\``
      } | ${option.describe.replaceAll('|', '\\|')}${choices} |`,
    );
  }
  return rows.join('\n');
}
