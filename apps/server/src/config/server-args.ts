import { parseArgs } from 'node:util';
import { KatamonError } from '@katamon/core';
import { envName, fileKey, SERVER_OPTIONS, type ServerOption } from './server-options.js';

export interface ServerArgs {
  host: string;
  port: number;
  /** Listen on this unix socket instead of TCP. */
  socket?: string;
  tokenFile?: string;
  tlsCert?: string;
  tlsKey?: string;
  /** `--plugin` / `KATAMON_PLUGINS`; the config file's plugins load before these. */
  plugins: string[];
  /** katamon config file (JSON): settings, plugin list and per-plugin settings, shared with the CLI. */
  config?: string;
  /** Host paths handed to the plugins by role (runc, crun, kata, cgroup, proc, engines'), as the CLI takes them. */
  roots: Record<string, string>;
  /** Engines whose default paths are looked at: `all`, or a list (empty: only the roots given). */
  discover: 'all' | string[];
  logLevel: string;
  logFile?: string;
  /** fastify's per-request info lines ("incoming request", "request completed"); off by default. */
  logRequests: boolean;
  maxAgeMs: number;
  streamBufferBytes: number;
  maxStreams: number;
  shutdownTimeoutMs: number;
}

/** The flags as given: no defaults, so that an absent flag leaves room for its variable and the file. */
export type ServerFlags = Record<string, string | string[] | boolean | undefined>;

/** A config file's settings, with its path for messages. */
export interface SettingsFile {
  path: string;
  settings: Readonly<Record<string, unknown>>;
}

type Value = string | number | boolean | string[];

/** Parses the command line only (kind `invalid-argument` for an unknown flag or a missing value). */
export function parseServerFlags(argv: readonly string[]): ServerFlags {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {};
  for (const o of SERVER_OPTIONS)
    options[o.flag] = {
      type: o.kind === 'boolean' ? 'boolean' : 'string',
      ...(o.kind === 'list' ? { multiple: true } : {}),
    };
  try {
    return parseArgs({ args: [...argv], strict: true, allowPositionals: false, options }).values as ServerFlags;
  } catch (error) {
    throw new KatamonError('invalid-argument', error instanceof Error ? error.message : String(error));
  }
}

/** The config file named by `--config`, else `KATAMON_CONFIG`. */
export function configPath(flags: ServerFlags, env: NodeJS.ProcessEnv): string | undefined {
  const flag = flags['config'];
  if (typeof flag === 'string') return flag;
  const fromEnv = env['KATAMON_CONFIG'];
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}

/** Every option from its flag, else its environment variable, else the config file, else its default. */
export function resolveServerArgs(flags: ServerFlags, env: NodeJS.ProcessEnv = {}, file?: SettingsFile): ServerArgs {
  const v: Record<string, Value | undefined> = {};
  for (const option of SERVER_OPTIONS) v[option.flag] = pick(option, flags, env, file);
  if ((v['tls-cert'] === undefined) !== (v['tls-key'] === undefined))
    throw new KatamonError('invalid-argument', '--tls-cert and --tls-key go together');
  // Lists are ':'-joined, as the composition root's roots expect; unset roots keep composition's defaults.
  const roots: Record<string, string> = {};
  for (const option of SERVER_OPTIONS) {
    const value = v[option.flag];
    if (option.root === undefined || value === undefined) continue;
    const joined = Array.isArray(value) ? value.join(':') : String(value);
    if (joined !== '') roots[option.root] = joined;
  }
  const args: ServerArgs = {
    host: v['host'] as string,
    port: v['port'] as number,
    plugins: (v['plugin'] as string[] | undefined) ?? [],
    roots,
    discover: v['discover'] as 'all' | string[],
    logLevel: v['log-level'] as string,
    logRequests: v['log-requests'] as boolean,
    maxAgeMs: v['max-age'] as number,
    streamBufferBytes: v['stream-buffer'] as number,
    maxStreams: v['max-streams'] as number,
    shutdownTimeoutMs: v['shutdown-timeout'] as number,
  };
  const optional = {
    socket: 'socket',
    tokenFile: 'token-file',
    tlsCert: 'tls-cert',
    tlsKey: 'tls-key',
    logFile: 'log-file',
    config: 'config',
  } as const;
  for (const [field, flag] of Object.entries(optional))
    if (v[flag] !== undefined) args[field as keyof typeof optional] = v[flag] as string;
  return args;
}

/** The command line alone (and defaults): what tests of the flags use. */
export function parseServerArgs(argv: readonly string[]): ServerArgs {
  return resolveServerArgs(parseServerFlags(argv));
}

type Source = 'flag' | 'env' | 'file' | 'default';

function pick(
  option: ServerOption,
  flags: ServerFlags,
  env: NodeJS.ProcessEnv,
  file?: SettingsFile,
): Value | undefined {
  const flag = flags[option.flag];
  if (flag !== undefined && !(Array.isArray(flag) && flag.length === 0))
    return convert(option, flag, 'flag', `--${option.flag}`);
  const fromEnv = env[envName(option)];
  if (fromEnv !== undefined && fromEnv !== '') return convert(option, fromEnv, 'env', envName(option));
  // The file's plugins are read by the plugin loader (they load before these, relative to the file).
  const key = option.flag === 'plugin' ? undefined : fileKey(option);
  if (file !== undefined && key !== undefined && file.settings[key] !== undefined)
    return convert(option, file.settings[key], 'file', `config file ${file.path}: "${key}"`);
  if (option.default === undefined || option.root !== undefined) return undefined;
  return convert(option, option.default, 'default', `--${option.flag}`);
}

/**
 * A value as the option's type: flags and variables are text (a variable's list is ':'-separated), the file
 * is JSON (a list is an array of strings). A wrong value is one line naming where it came from.
 */
function convert(option: ServerOption, raw: unknown, source: Source, where: string): Value {
  const bad = (what: string) => new KatamonError('invalid-argument', `${where} must be ${what}`);
  switch (option.kind) {
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (source === 'env' && (raw === 'true' || raw === '1')) return true;
      if (source !== 'file' && (raw === 'false' || raw === '0')) return false;
      throw bad('true or false');
    case 'integer': {
      const text = source !== 'file' ? raw : typeof raw === 'number' ? String(raw) : undefined;
      const n = typeof text === 'string' && /^\d+$/.test(text) ? Number(text) : NaN;
      const [min, max] = [option.min ?? 0, option.max ?? Number.MAX_SAFE_INTEGER];
      if (!(n >= min && n <= max)) throw bad(`an integer in ${min}..${max}`);
      return n;
    }
    case 'list': {
      if (source === 'env')
        return String(raw)
          .split(':')
          .filter((item) => item !== '');
      if (!Array.isArray(raw) || !raw.every((item) => typeof item === 'string' && item !== ''))
        throw bad('a list of non-empty strings');
      return raw as string[];
    }
    case 'string':
      if (typeof raw !== 'string' || raw === '') throw bad('a non-empty string');
      if (option.choices !== undefined && !option.choices.includes(raw))
        throw bad(option.choices.join(', ').replace(/, ([^,]+)$/, ' or $1'));
      if (option.parse === undefined) return raw;
      try {
        return option.parse(raw) as Value;
      } catch (error) {
        throw new KatamonError('invalid-argument', `${where}: ${(error as Error).message}`);
      }
  }
}
