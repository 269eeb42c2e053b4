import { writePluginModule } from '@katamon/test-fixtures';

/** Counter values a plugin may not return: what they are, the value, and the problem katamon names. */
const BAD_COUNTERS: readonly (readonly [string, string, string])[] = [
  ['negative', '-1n', 'out of range (below 0)'],
  ['huge', '2n ** 64n', 'out of range (above 2^64-1)'],
  ['string', "'12'", 'expected a bigint, got string'],
  ['NaN', 'NaN', 'expected a bigint, got number'],
];

/** A plugin with a container of its own (`id`), whose only source returns a bad `pids.current`. */
export interface BadCounterPlugin {
  what: string;
  file: string;
  id: string;
  /** The message: names the source and the field. */
  message: string;
}

/** Plugin files on disk that attack the host, for the CLI and server e2e tests. */
export interface HostilePlugins {
  /** Handles every runc container; its counters are strings crafted to forge an event of `forgedId`. */
  forger: string;
  /** Negative, huge (2^64), string and NaN counters, one plugin each. */
  badCounters: BadCounterPlugin[];
  /** Handles every runc container; `collect` never returns (`while (true)`). */
  spinner: string;
  /** Handles every runc container; `collect` calls `process.exit(0)`. */
  exiter: string;
}

/** Writes the plugins into `dir`; `forgedId` is the id the forger's text names, `onlyId` prefixes the bad ones' ids. */
export function writeHostilePlugins(dir: string, ids: { forgedId: string; onlyId: string }): HostilePlugins {
  const runcContainers = (name: string, collect: string) =>
    writePluginModule(dir, `${name}.mjs`, {
      name,
      sources: [
        `{ name: '${name}/source', probe: (r) => r.runtime === 'runc' ? 'handle' : 'skip', collect: ${collect} }`,
      ],
    });
  const forged = `'1},"type":"stats","id":"${ids.forgedId}","data":{"pids":{"current":31337'`;
  return {
    forger: runcContainers(
      'katamon-e2e-forger',
      `async () => ({ stats: { pids: { current: ${forged}, limit: 0n } } })`,
    ),
    badCounters: BAD_COUNTERS.map(([what, value, problem]) => {
      const id = `${ids.onlyId}-${what.toLowerCase()}`;
      const file = writePluginModule(dir, `bad-${what}.mjs`, {
        name: `katamon-e2e-bad-${what}`,
        resolvers: [
          `{ name: 'only-${what}', match: async (q) => '${id}'.startsWith(q) ? [ref()] : [], list: async () => [ref()], refresh: async () => ref() }`,
        ],
        sources: [
          `{ name: 'bad-${what}/source', probe: (r) => r.id === '${id}' ? 'handle' : 'skip', collect: async () => ({ stats: { pids: { current: ${value}, limit: 0n } } }) }`,
        ],
        prelude: `const ref = () => ({ id: '${id}', runtime: 'plugin', resolver: 'only-${what}', status: 'running' });`,
      });
      const message = `source bad-${what}/source returned an invalid result: stats.pids.current: ${problem}`;
      return { what, file, id, message };
    }),
    spinner: runcContainers('katamon-e2e-spinner', 'async () => { for (;;) {} }'),
    exiter: runcContainers('katamon-e2e-exiter', 'async () => { process.exit(0); }'),
  };
}
