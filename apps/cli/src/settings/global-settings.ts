import { parseDiscover, type LogLevel } from '@katamon/core';
import { usageError } from '../args/parse-go-flags.js';
import { GLOBAL_OPTIONS, LOG_FORMATS, LOG_LEVELS, type OptionSpec } from '../options/option-specs.js';

export type LogFormat = (typeof LOG_FORMATS)[number];

/** Root overrides by composition role, ':'-separated lists; absent keys keep the composition defaults. */
export type RootOverrides = Partial<
  Record<
    | 'runc'
    | 'crun'
    | 'kata'
    | 'cgroup'
    | 'proc'
    | 'containerdRunc'
    | 'containerdState'
    | 'dockerExec'
    | 'dockerData'
    | 'podmanStorage',
    string
  >
>;

export interface GlobalSettings {
  roots: RootOverrides;
  /** Engines whose default paths are looked at: `all`, or a list (empty: only the roots given). */
  discover: 'all' | string[];
  /** Plugin modules to load, in order (after those of the config file). */
  plugins: string[];
  /** The config file (--config / KATAMON_CONFIG), if any. */
  configFile?: string;
  logLevel: LogLevel;
  logFormat: LogFormat;
}

/** Parsed flags by option name (Go parser map or yargs argv, camel or kebab keys). */
export type FlagValues = Readonly<Record<string, unknown>>;

/** A flag's value, else its env var (lists split on ':'), else undefined. */
export function optionValue(
  flags: FlagValues,
  spec: OptionSpec,
  env: NodeJS.ProcessEnv,
): string | string[] | undefined {
  const raw = flags[spec.name];
  if (spec.kind === 'list') {
    const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(String);
    if (list.length > 0) return list;
    const fromEnv = spec.env === undefined ? undefined : env[spec.env];
    return fromEnv ? fromEnv.split(':').filter((p) => p.length > 0) : undefined;
  }
  if (raw !== undefined) return String(Array.isArray(raw) ? raw[raw.length - 1] : raw);
  const fromEnv = spec.env === undefined ? undefined : env[spec.env];
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}

export function checkChoice<T extends string>(value: string, choices: readonly T[], flag: string): T {
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw usageError(`invalid value "${value}" for flag -${flag}: must be one of ${choices.join(', ')}`);
}

function spec(name: string): OptionSpec {
  return GLOBAL_OPTIONS.find((s) => s.name === name) as OptionSpec;
}

function joined(flags: FlagValues, name: string, env: NodeJS.ProcessEnv): string | undefined {
  const v = optionValue(flags, spec(name), env);
  return v === undefined ? undefined : Array.isArray(v) ? v.join(':') : v;
}

/** Global settings from flags, then environment variables, then defaults. */
export function resolveGlobalSettings(flags: FlagValues, env: NodeJS.ProcessEnv): GlobalSettings {
  const roots: RootOverrides = {};
  const pairs: [keyof RootOverrides, string][] = [
    ['runc', 'root'],
    ['crun', 'crun-root'],
    ['kata', 'kata-root'],
    ['cgroup', 'cgroup-root'],
    ['proc', 'proc-root'],
    ['containerdRunc', 'containerd-root'],
    ['containerdState', 'containerd-state'],
    ['dockerExec', 'docker-exec-root'],
    ['dockerData', 'docker-data-root'],
    ['podmanStorage', 'podman-root'],
  ];
  for (const [key, name] of pairs) {
    const value = joined(flags, name, env);
    if (value !== undefined) roots[key] = value;
  }
  const plugins = optionValue(flags, spec('plugin'), env);
  const configFile = optionValue(flags, spec('config'), env) as string | undefined;
  const level = optionValue(flags, spec('log-level'), env) as string | undefined;
  const format = optionValue(flags, spec('log-format'), env) as string | undefined;
  return {
    roots,
    discover: discoverFlag(optionValue(flags, spec('discover'), env) as string | undefined),
    plugins: Array.isArray(plugins) ? plugins : [],
    ...(configFile === undefined ? {} : { configFile }),
    logLevel: level === undefined ? 'warn' : checkChoice(level, LOG_LEVELS, 'log-level'),
    logFormat: format === undefined ? 'text' : checkChoice(format, LOG_FORMATS, 'log-format'),
  };
}

/** `--discover`: core's rules, with Go's flag error wording. */
function discoverFlag(value: string | undefined): 'all' | string[] {
  try {
    return parseDiscover(value);
  } catch (error) {
    throw usageError(`invalid value "${value}" for flag -discover: ${(error as Error).message}`);
  }
}
