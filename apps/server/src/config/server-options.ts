/**
 * katamon-server's settings: one row per flag. Each one is also a `KATAMON_*` environment variable and a key
 * of the `--config` file; precedence is flag > variable > file > default. The usage text and the table in
 * `apps/server/README.md` are generated from this list (a test compares them).
 */
import { ENGINE_NAMES, parseDiscover } from '@katamon/core';

export interface ServerOption {
  /** The flag without `--`. */
  flag: string;
  kind: 'string' | 'integer' | 'boolean' | 'list';
  /** The value's placeholder in `--help` (`<path>`); booleans have none. */
  placeholder?: string;
  /** Default `KATAMON_` + the flag in upper snake case. */
  env?: string;
  /** Config-file key: default the flag in camelCase; null when the option is not read from the file. */
  key?: string | null;
  /** Shown in `--help` and the README; also the value used when nothing sets the option. */
  default?: string;
  min?: number;
  max?: number;
  choices?: readonly string[];
  /**
   * A host path handed to the plugins under this role (composition's `roots`). Its default is composition's,
   * shown here only: an unset root is left to the plugin.
   */
  root?: string;
  /** Checks and converts a string value; throws a KatamonError whose message follows the source's name. */
  parse?: (text: string) => unknown;
  describe: string;
}

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

export const SERVER_OPTIONS: readonly ServerOption[] = [
  { flag: 'host', kind: 'string', placeholder: '<addr>', default: '127.0.0.1', describe: 'listen address' },
  {
    flag: 'port',
    kind: 'integer',
    placeholder: '<n>',
    default: '9464',
    min: 0,
    max: 65535,
    describe: 'listen port (0 picks one)',
  },
  { flag: 'socket', kind: 'string', placeholder: '<path>', describe: 'listen on a unix socket instead of TCP' },
  {
    flag: 'token-file',
    kind: 'string',
    placeholder: '<path>',
    describe: 'require "Authorization: Bearer <token>", the token being the file\'s content (re-read when it changes)',
  },
  {
    flag: 'tls-cert',
    kind: 'string',
    placeholder: '<path>',
    describe: 'serve HTTPS with this PEM certificate (with --tls-key)',
  },
  { flag: 'tls-key', kind: 'string', placeholder: '<path>', describe: 'PEM private key for --tls-cert' },
  {
    flag: 'plugin',
    kind: 'list',
    placeholder: '<module>',
    env: 'KATAMON_PLUGINS',
    key: 'plugins',
    describe: "load a third-party plugin (repeatable); the file's plugins load first",
  },
  {
    flag: 'config',
    kind: 'string',
    placeholder: '<file>',
    key: null,
    describe: 'katamon config file (JSON): these settings, "plugins" and "pluginConfig"',
  },
  {
    flag: 'root',
    root: 'runc',
    kind: 'list',
    placeholder: '<dir>',
    default: '/run/runc',
    describe: 'runc state directory (repeatable)',
  },
  {
    flag: 'crun-root',
    root: 'crun',
    kind: 'list',
    placeholder: '<dir>',
    default: '/run/crun',
    describe: 'crun state directory (repeatable)',
  },
  {
    flag: 'kata-root',
    root: 'kata',
    kind: 'list',
    placeholder: '<dir>',
    default: '/run/vc',
    describe: 'Kata sandbox store (repeatable)',
  },
  {
    flag: 'cgroup-root',
    root: 'cgroup',
    kind: 'string',
    placeholder: '<dir>',
    default: '/sys/fs/cgroup',
    describe: 'cgroup filesystem mount point',
  },
  {
    flag: 'proc-root',
    root: 'proc',
    kind: 'string',
    placeholder: '<dir>',
    default: '/proc',
    describe: 'procfs mount point',
  },
  {
    flag: 'discover',
    kind: 'string',
    placeholder: '<engines>',
    default: 'all',
    parse: parseDiscover,
    describe: `engines whose default paths are looked at: all, none (only the roots given), or a comma-separated list of ${ENGINE_NAMES.join(', ')}`,
  },
  {
    flag: 'containerd-root',
    root: 'containerdRunc',
    kind: 'string',
    placeholder: '<dir>',
    default: '/run/containerd/runc',
    describe: "containerd's runc state root",
  },
  {
    flag: 'containerd-state',
    root: 'containerdState',
    kind: 'string',
    placeholder: '<dir>',
    default: '/run/containerd',
    describe: "containerd's --state (task bundles, Kata's included)",
  },
  {
    flag: 'docker-exec-root',
    root: 'dockerExec',
    kind: 'string',
    placeholder: '<dir>',
    default: '/run/docker',
    describe: "dockerd's --exec-root",
  },
  {
    flag: 'docker-data-root',
    root: 'dockerData',
    kind: 'string',
    placeholder: '<dir>',
    default: '/var/lib/docker',
    describe: "dockerd's --data-root: names, images, labels",
  },
  {
    flag: 'podman-root',
    root: 'podmanStorage',
    kind: 'string',
    placeholder: '<dir>',
    default: '/var/lib/containers/storage',
    describe: "rootful Podman's storage root",
  },
  {
    flag: 'log-level',
    kind: 'string',
    placeholder: '<level>',
    default: 'info',
    choices: LOG_LEVELS,
    describe: 'least severe log line written',
  },
  {
    flag: 'log-file',
    kind: 'string',
    placeholder: '<path>',
    describe: 'JSON log lines to this file instead of stderr',
  },
  {
    flag: 'log-requests',
    kind: 'boolean',
    default: 'false',
    describe: 'log every request at info (off: it costs more than a cached /stats answer)',
  },
  {
    flag: 'max-age',
    kind: 'integer',
    placeholder: '<ms>',
    default: '1000',
    min: 0,
    max: 3_600_000,
    describe: 'reuse samples this young for /stats and /metrics',
  },
  {
    flag: 'stream-buffer',
    kind: 'integer',
    placeholder: '<bytes>',
    default: String(256 * 1024),
    min: 1024,
    max: 1 << 30,
    describe: 'drop a stream client with this much unsent data',
  },
  {
    flag: 'max-streams',
    kind: 'integer',
    placeholder: '<n>',
    default: '10000',
    min: 1,
    max: 1_000_000,
    describe: 'open streams at once',
  },
  {
    flag: 'shutdown-timeout',
    kind: 'integer',
    placeholder: '<ms>',
    default: '5000',
    min: 0,
    max: 600_000,
    describe: 'exit at the latest this long after SIGTERM',
  },
];

/** The option's environment variable. */
export function envName(option: ServerOption): string {
  return option.env ?? `KATAMON_${option.flag.toUpperCase().replaceAll('-', '_')}`;
}

/** The option's config-file key, or undefined when the file cannot set it. */
export function fileKey(option: ServerOption): string | undefined {
  if (option.key === null) return undefined;
  return option.key ?? option.flag.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}
