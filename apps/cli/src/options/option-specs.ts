import type { FlagKind } from '../args/parse-go-flags.js';

/** One command-line option: the single table both the Go-style parser and the yargs builders read. */
export interface OptionSpec {
  name: string;
  kind: FlagKind;
  describe: string;
  /** Environment variable read when the flag is absent (lists are ':'-separated). */
  env?: string;
  choices?: readonly string[];
  /** Shown in --help; the value used when neither flag nor env var is given. */
  defaultText?: string;
}

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export const LOG_FORMATS = ['text', 'json'] as const;
export const OUTPUT_FORMATS = ['table', 'json'] as const;

/** `--format table|json` of the commands that print rows. */
function formatOption(describe: string): OptionSpec {
  return { name: 'format', kind: 'value', choices: OUTPUT_FORMATS, defaultText: 'table', describe };
}

/** Options every command accepts. */
export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'root',
    kind: 'list',
    env: 'KATAMON_ROOT',
    defaultText: '/run/runc',
    describe: 'runc state directory (repeatable)',
  },
  {
    name: 'crun-root',
    kind: 'list',
    env: 'KATAMON_CRUN_ROOT',
    defaultText: '/run/crun',
    describe: 'crun state directory (repeatable)',
  },
  {
    name: 'kata-root',
    kind: 'list',
    env: 'KATAMON_KATA_ROOT',
    defaultText: '/run/vc',
    describe: 'Kata sandbox store (repeatable)',
  },
  {
    name: 'cgroup-root',
    kind: 'value',
    env: 'KATAMON_CGROUP_ROOT',
    defaultText: '/sys/fs/cgroup',
    describe: 'cgroup filesystem mount point',
  },
  { name: 'proc-root', kind: 'value', env: 'KATAMON_PROC_ROOT', defaultText: '/proc', describe: 'procfs mount point' },
  {
    name: 'discover',
    kind: 'value',
    env: 'KATAMON_DISCOVER',
    defaultText: 'all',
    describe:
      'engines whose default paths are looked at: all, none (only the roots given), or a comma-separated list of runc, crun, containerd, docker, podman, cri-o, kata',
  },
  {
    name: 'containerd-root',
    kind: 'value',
    env: 'KATAMON_CONTAINERD_ROOT',
    defaultText: '/run/containerd/runc',
    describe: "containerd's runc state root (one directory per namespace)",
  },
  {
    name: 'containerd-state',
    kind: 'value',
    env: 'KATAMON_CONTAINERD_STATE',
    defaultText: '/run/containerd',
    describe: "containerd's --state (bundles of Kata containers run by containerd)",
  },
  {
    name: 'docker-exec-root',
    kind: 'value',
    env: 'KATAMON_DOCKER_EXEC_ROOT',
    defaultText: '/run/docker',
    describe: "dockerd's --exec-root (container state under runtime-runc/moby)",
  },
  {
    name: 'docker-data-root',
    kind: 'value',
    env: 'KATAMON_DOCKER_DATA_ROOT',
    defaultText: '/var/lib/docker',
    describe: "dockerd's --data-root (names, images and labels in containers/<id>/config.v2.json)",
  },
  {
    name: 'podman-root',
    kind: 'value',
    env: 'KATAMON_PODMAN_ROOT',
    defaultText: '/var/lib/containers/storage',
    describe: "rootful Podman's storage root (names and images in containers.json)",
  },
  {
    name: 'config',
    kind: 'value',
    env: 'KATAMON_CONFIG',
    describe: 'JSON config file: {"plugins": [...], "pluginConfig": {name: {...}}}',
  },
  {
    name: 'plugin',
    kind: 'list',
    env: 'KATAMON_PLUGINS',
    describe: 'load a source/resolver plugin: a file path or package name (repeatable)',
  },
  {
    name: 'log-level',
    kind: 'value',
    env: 'KATAMON_LOG_LEVEL',
    choices: LOG_LEVELS,
    defaultText: 'warn',
    describe: 'least severe log level written to stderr',
  },
  {
    name: 'log-format',
    kind: 'value',
    env: 'KATAMON_LOG_FORMAT',
    choices: LOG_FORMATS,
    defaultText: 'text',
    describe: 'stderr log line format',
  },
];

/** Filters of `list`, `top` and `events --all` (and the server's query parameters of the same names). */
export const FILTER_OPTIONS: readonly OptionSpec[] = [
  { name: 'engine', kind: 'list', describe: 'only containers of this engine (repeatable: any of them)' },
  {
    name: 'label',
    kind: 'list',
    describe: 'only containers with this label, key=value or key (repeatable: all of them)',
  },
  { name: 'name', kind: 'list', describe: 'only containers whose name contains this (repeatable: any of them)' },
];

/** Options of `events` (kata-runtime/runc flags first). */
export const EVENTS_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'interval',
    kind: 'value',
    defaultText: '5s',
    describe: 'time between stats events, Go duration syntax (1.5s, 200ms, 1m30s)',
  },
  { name: 'stats', kind: 'bool', describe: 'print one stats event now and exit' },
  {
    name: 'schema',
    kind: 'value',
    choices: ['kata', 'runc', 'full'],
    defaultText: 'kata',
    describe: 'JSON shape: kata-runtime events, runc events, or katamon full',
  },
  { name: 'pretty', kind: 'bool', describe: 'indent each event (still one event per write)' },
  { name: 'all', kind: 'bool', describe: 'every running container instead of the ids given' },
  ...FILTER_OPTIONS,
];

/** Options of `top`. */
export const TOP_OPTIONS: readonly OptionSpec[] = [
  { name: 'interval', kind: 'value', defaultText: '1s', describe: 'refresh period, Go duration syntax' },
  { name: 'no-stream', kind: 'bool', describe: 'print one table (from two samples one interval apart) and exit' },
  formatOption('table, or json: one object per container per refresh with raw numbers'),
  { name: 'wide', kind: 'bool', describe: 'also the IMAGE column' },
  ...FILTER_OPTIONS,
];

/** Options of `list`. */
export const LIST_OPTIONS: readonly OptionSpec[] = [
  formatOption('table, or json: one object per container per line'),
  { name: 'wide', kind: 'bool', describe: 'also the IMAGE, NAMESPACE, POD, RUNTIME and SANDBOX columns' },
  ...FILTER_OPTIONS,
];

/** Options of `doctor`. */
export const DOCTOR_OPTIONS: readonly OptionSpec[] = [formatOption('text, or json: the whole report as one object')];
