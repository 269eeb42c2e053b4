import {
  createKatamon,
  silentLogger,
  type ContainerRef,
  type ContainerResolver,
  type Katamon,
  type Scheduler,
  type StatsSource,
} from '@katamon/core';

export const systemScheduler: Scheduler = {
  now: () => Date.now(),
  setTimer: (delayMs, fn) => {
    const timer = setTimeout(fn, delayMs);
    return () => clearTimeout(timer);
  },
};

export interface InMemoryWorld {
  katamon: Katamon;
  refs: ContainerRef[];
  /** collect() calls per container id. */
  collects: Map<string, number>;
}

/** The real core facade over an in-memory resolver and a counting source, for route tests. */
export function inMemoryKatamon(refs: ContainerRef[]): InMemoryWorld {
  const collects = new Map<string, number>();
  const resolver: ContainerResolver = {
    name: 'memory',
    match: async (query) => refs.filter((r) => r.id.startsWith(query)),
    list: async () => [...refs],
    refresh: async (ref) => refs.find((r) => r.id === ref.id),
  };
  const source: StatsSource = {
    name: 'memory-source',
    probe: () => 'handle',
    collect: async (ref) => {
      const n = (collects.get(ref.id) ?? 0) + 1;
      collects.set(ref.id, n);
      if (!refs.some((r) => r.id === ref.id)) throw Object.assign(new Error('gone'), { kind: 'gone' });
      return {
        stats: {
          pids: { current: 1n, limit: 64n },
          cpu: {
            usage: {
              total: 1_000_000_000n * BigInt(n),
              percpu: [],
              percpuKernel: [],
              percpuUser: [],
              kernel: 10n,
              user: 20n,
            },
            throttling: { periods: 0n, throttledPeriods: 0n, throttledTime: 0n },
          },
        },
      };
    },
  };
  const katamon = createKatamon({
    resolvers: [resolver],
    sources: [source],
    scheduler: systemScheduler,
    logger: silentLogger,
  });
  return { katamon, refs, collects };
}

export function ref(id: string, status: ContainerRef['status'] = 'running'): ContainerRef {
  return {
    id,
    runtime: 'runc',
    resolver: 'memory',
    status,
    pid: 42,
    created: '2026-11-29T20:00:00Z',
    cgroup: { version: 2, path: `/sys/fs/cgroup/katamon/${id}` },
  };
}
