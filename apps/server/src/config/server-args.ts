import { parseArgs } from 'node:util';
import { KatamonError, parseDiscover } from '@katamon/core';

export interface ServerArgs {
  host: string;
  port: number;
  /** Listen on this unix socket instead of TCP. */
  socket?: string;
  tokenFile?: string;
  tlsCert?: string;
  tlsKey?: string;
  plugins: string[];
  /** katamon config file (JSON): plugin list and per-plugin settings, shared with the CLI. */
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

export const SERVER_USAGE = `usage: katamon-server [options]
  --host <addr>            listen address (default 127.0.0.1)
  --port <n>               listen port (default 9464; 0 picks one)
  --socket <path>          listen on a unix socket instead of TCP
  --token-file <path>      require "Authorization: Bearer <token>" (token = file content, trimmed:
                           one word of visible ASCII)
  --tls-cert <path>        serve HTTPS with this certificate (with --tls-key)
  --tls-key <path>         private key for --tls-cert
  --plugin <module>        load a third-party plugin (repeatable)
  --config <file>          katamon config file: {"plugins": [...], "pluginConfig": {...}}
  --root <dir>             runc state directory (repeatable; default /run/runc)
  --crun-root <dir>        crun state directory (repeatable; default /run/crun)
  --kata-root <dir>        Kata sandbox store (repeatable; default /run/vc)
  --cgroup-root <dir>      cgroup filesystem mount point (default /sys/fs/cgroup)
  --proc-root <dir>        procfs mount point (default /proc)
  --discover <engines>     engines whose default paths are looked at: all (default), none (only the roots
                           given), or a comma-separated list of runc, crun, containerd, docker, podman, cri-o, kata
  --containerd-root <dir>  containerd's runc state root (default /run/containerd/runc)
  --containerd-state <dir> containerd's --state, Kata bundles (default /run/containerd)
  --docker-exec-root <dir> dockerd's --exec-root (default /run/docker)
  --docker-data-root <dir> dockerd's --data-root: names, images, labels (default /var/lib/docker)
  --podman-root <dir>      rootful Podman's storage root (default /var/lib/containers/storage)
  --log-level <level>      debug|info|warn|error (default info)
  --log-file <path>        structured logs to this file instead of stderr
  --log-requests           log every request at info (off by default: it costs more than a cached /stats)
  --max-age <ms>           reuse samples this young for /stats and /metrics (default 1000)
  --stream-buffer <bytes>  drop a stream client with this much unsent data (default 262144)
  --max-streams <n>        open streams at once (default 10000)
  --shutdown-timeout <ms>  exit at the latest this long after SIGTERM (default 5000)`;

export function parseServerArgs(argv: readonly string[]): ServerArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '9464' },
        socket: { type: 'string' },
        'token-file': { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        plugin: { type: 'string', multiple: true, default: [] },
        config: { type: 'string' },
        root: { type: 'string', multiple: true, default: [] },
        'crun-root': { type: 'string', multiple: true, default: [] },
        'kata-root': { type: 'string', multiple: true, default: [] },
        'cgroup-root': { type: 'string' },
        'proc-root': { type: 'string' },
        discover: { type: 'string' },
        'containerd-root': { type: 'string' },
        'containerd-state': { type: 'string' },
        'docker-exec-root': { type: 'string' },
        'docker-data-root': { type: 'string' },
        'podman-root': { type: 'string' },
        'log-level': { type: 'string', default: 'info' },
        'log-file': { type: 'string' },
        'log-requests': { type: 'boolean', default: false },
        'max-age': { type: 'string', default: '1000' },
        'stream-buffer': { type: 'string', default: String(256 * 1024) },
        'max-streams': { type: 'string', default: '10000' },
        'shutdown-timeout': { type: 'string', default: '5000' },
      },
    });
  } catch (error) {
    throw new KatamonError('invalid-argument', error instanceof Error ? error.message : String(error));
  }
  const v = parsed.values;
  if ((v['tls-cert'] === undefined) !== (v['tls-key'] === undefined)) {
    throw new KatamonError('invalid-argument', '--tls-cert and --tls-key go together');
  }
  if (!['debug', 'info', 'warn', 'error'].includes(v['log-level'])) {
    throw new KatamonError('invalid-argument', `--log-level must be debug, info, warn or error`);
  }
  // Lists are ':'-joined, as the composition root's roots expect.
  const roots: Record<string, string> = {};
  const lists = { runc: v.root, crun: v['crun-root'], kata: v['kata-root'] };
  for (const [role, dirs] of Object.entries(lists)) if (dirs.length > 0) roots[role] = dirs.join(':');
  const single = {
    cgroup: v['cgroup-root'],
    proc: v['proc-root'],
    containerdRunc: v['containerd-root'],
    containerdState: v['containerd-state'],
    dockerExec: v['docker-exec-root'],
    dockerData: v['docker-data-root'],
    podmanStorage: v['podman-root'],
  };
  for (const [role, dir] of Object.entries(single)) if (dir !== undefined && dir !== '') roots[role] = dir;
  let discover: 'all' | string[];
  try {
    discover = parseDiscover(v.discover);
  } catch (error) {
    throw new KatamonError('invalid-argument', `--discover: ${(error as Error).message}`);
  }
  const args: ServerArgs = {
    host: v.host,
    port: integer('--port', v.port, 0, 65535),
    plugins: v.plugin,
    roots,
    discover,
    logLevel: v['log-level'],
    logRequests: v['log-requests'],
    maxAgeMs: integer('--max-age', v['max-age'], 0, 3_600_000),
    streamBufferBytes: integer('--stream-buffer', v['stream-buffer'], 1024, 1 << 30),
    maxStreams: integer('--max-streams', v['max-streams'], 1, 1_000_000),
    shutdownTimeoutMs: integer('--shutdown-timeout', v['shutdown-timeout'], 0, 600_000),
  };
  if (v.socket !== undefined) args.socket = v.socket;
  if (v['token-file'] !== undefined) args.tokenFile = v['token-file'];
  if (v['tls-cert'] !== undefined) args.tlsCert = v['tls-cert'];
  if (v['tls-key'] !== undefined) args.tlsKey = v['tls-key'];
  if (v['log-file'] !== undefined) args.logFile = v['log-file'];
  if (v.config !== undefined) args.config = v.config;
  return args;
}

function integer(flag: string, text: string, min: number, max: number): number {
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max))
    throw new KatamonError('invalid-argument', `${flag} must be an integer in ${min}..${max}`);
  return value;
}
