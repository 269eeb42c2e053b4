import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { errorKindOf, type ContainerRef, type StatsSection, type StatsSource } from '@katamon/core';
import { checkIssues, checkStats } from './check-stats.js';

/** The containers a source is tested against, usually backed by fake trees in a temp dir. */
export interface StatsSourceFixtures {
  /** Refs the source must handle and read successfully. */
  handled: ContainerRef[];
  /** Refs the source must skip. */
  skipped?: ContainerRef[];
  /** Refs it handles whose optional data is missing (no PSI files, old kernel): collect must still succeed. */
  minimal?: ContainerRef[];
  /** A ref it handles whose container has vanished: collect must fail with kind `gone`. */
  gone?: ContainerRef;
}

export interface DescribeStatsSourceOptions {
  create(): StatsSource | Promise<StatsSource>;
  /** Builds the fixtures once (write trees, start fakes). */
  refs(): StatsSourceFixtures | Promise<StatsSourceFixtures>;
  /** Undoes what `refs` did. */
  cleanup?(): void | Promise<void>;
  /** Sections the source may produce; any other is a failure (default: any). */
  sections?: readonly StatsSection[];
  /** Sections every handled ref must yield. */
  requiredSections?: readonly StatsSection[];
}

// Refs with holes and odd values: a probe decides from the ref alone and must not throw on any of them.
const oddRefs: ContainerRef[] = [
  { id: 'x', runtime: '', resolver: '', status: 'unknown' },
  { id: 'x', runtime: 'runc', resolver: 'runc', status: 'stopped', pid: -1, cgroup: { version: 1, paths: {} } },
  {
    id: 'x',
    runtime: 'kata',
    resolver: 'kata',
    status: 'running',
    sandbox: { id: '' },
    cgroup: { version: 2, path: '' },
  },
  { id: 'x', runtime: 'crun', resolver: 'r', status: 'paused', netnsPath: '/nonexistent/ns', labels: { '': '\u0000' } },
  {
    id: 'x'.repeat(1024),
    runtime: 'plugin',
    resolver: 'p',
    status: 'created',
    cgroup: { version: 2, path: '/nonexistent/../..' },
  },
];

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

// Plugin authors read these messages in their own CI: list every problem, never a truncated diff.
function expectNoProblems(problems: readonly string[], what: string): void {
  if (problems.length > 0) expect.fail(`${what}:\n  - ${problems.join('\n  - ')}`);
}

const clone = (ref: ContainerRef): ContainerRef => deepFreeze(structuredClone(ref));

/**
 * The contract every StatsSource (first- or third-party) must meet, as a vitest suite to call from
 * the source's own spec file: `describeStatsSource('my-source', { create, refs })`.
 */
export function describeStatsSource(name: string, options: DescribeStatsSourceOptions): void {
  describe(`StatsSource conformance: ${name}`, () => {
    let source: StatsSource;
    let fixtures: StatsSourceFixtures;
    beforeAll(async () => {
      fixtures = await options.refs();
      source = await options.create();
    });
    afterAll(async () => {
      await source?.release?.();
      await options.cleanup?.();
    });

    it('has a non-empty name', () => {
      expect(typeof source.name).toBe('string');
      expect(source.name).not.toBe('');
    });

    it('probes synchronously and deterministically, without touching the ref', () => {
      for (const [refs, verdict] of [
        [fixtures.handled, 'handle'],
        [fixtures.minimal ?? [], 'handle'],
        [fixtures.skipped ?? [], 'skip'],
      ] as const) {
        for (const ref of refs) {
          const frozen = clone(ref);
          expect(source.probe(frozen), `probe(${ref.id})`).toBe(verdict);
          expect(source.probe(frozen), `probe(${ref.id}) again`).toBe(verdict);
        }
      }
    });

    it('never throws from probe, whatever the ref', () => {
      for (const ref of oddRefs) expect(['handle', 'skip']).toContain(source.probe(clone(ref)));
    });

    it('collects a valid partial Stats for every handled ref', async () => {
      expect(fixtures.handled.length, 'give at least one handled ref').toBeGreaterThan(0);
      for (const ref of [...fixtures.handled, ...(fixtures.minimal ?? [])]) {
        const result = await source.collect(clone(ref));
        expectNoProblems(checkStats(result?.stats), `stats of ${ref.id}`);
        expectNoProblems(checkIssues(result.issues), `issues of ${ref.id}`);
        const present = Object.keys(result.stats).filter((k) => result.stats[k as StatsSection] !== undefined);
        if (options.sections)
          expect(options.sections, `sections of ${ref.id}`).toEqual(expect.arrayContaining(present));
      }
    });

    it('yields the required sections', async () => {
      for (const ref of fixtures.handled) {
        const { stats } = await source.collect(clone(ref));
        for (const section of options.requiredSections ?? [])
          expect(stats[section], `${section} of ${ref.id}`).toBeDefined();
      }
    });

    it('rejects with `cancelled` (or an AbortError) when the signal is already aborted', async () => {
      const ac = new AbortController();
      ac.abort();
      const error = await source.collect(clone(fixtures.handled[0] as ContainerRef), ac.signal).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, 'collect resolved despite an aborted signal').toBeDefined();
      expect(errorKindOf(error) === 'cancelled' || (error as Error).name === 'AbortError', String(error)).toBe(true);
    });

    it('reports missing optional data as absent, not as a throw', async ({ skip }) => {
      if ((fixtures.minimal ?? []).length === 0) skip('no `minimal` fixture given');
      for (const ref of fixtures.minimal ?? []) await expect(source.collect(clone(ref))).resolves.toBeDefined();
    });

    it('fails with kind `gone` for a container that vanished', async ({ skip }) => {
      if (fixtures.gone === undefined) return skip('no `gone` fixture given');
      const error = await source.collect(clone(fixtures.gone)).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(errorKindOf(error), String(error)).toBe('gone');
    });

    it('answers collectSync (when it has one) as collect does: same sections, same failures', async ({ skip }) => {
      if (source.collectSync === undefined) return skip('no collectSync');
      expect(typeof source.collectSync).toBe('function');
      const collectSync = source.collectSync.bind(source);
      for (const ref of [...fixtures.handled, ...(fixtures.minimal ?? [])]) {
        const sync = collectSync(clone(ref));
        expectNoProblems(checkStats(sync?.stats), `collectSync stats of ${ref.id}`);
        expectNoProblems(checkIssues(sync.issues), `collectSync issues of ${ref.id}`);
        const viaCollect = await source.collect(clone(ref));
        const keys = (r: typeof sync) =>
          Object.keys(r.stats)
            .filter((k) => r.stats[k as StatsSection] !== undefined)
            .sort();
        expect(keys(sync), `sections of ${ref.id}`).toEqual(keys(viaCollect));
      }
      if (fixtures.gone !== undefined) {
        let error: unknown;
        try {
          collectSync(clone(fixtures.gone));
        } catch (e) {
          error = e;
        }
        expect(errorKindOf(error), `collectSync of the gone ref: ${String(error)}`).toBe('gone');
      }
    });

    it('answers concurrent collects of one ref', async () => {
      const ref = fixtures.handled[0] as ContainerRef;
      const results = await Promise.all([1, 2, 3, 4].map(() => source.collect(clone(ref))));
      for (const r of results)
        expect(Object.keys(r.stats).sort()).toEqual(Object.keys((results[0] as typeof r).stats).sort());
    });

    it('releases idempotently, and collects again afterwards', async () => {
      const ref = fixtures.handled[0] as ContainerRef;
      await source.release?.(clone(ref));
      await source.release?.(clone(ref));
      await source.release?.();
      await source.release?.();
      expectNoProblems(checkStats((await source.collect(clone(ref))).stats), `stats of ${ref.id} after release`);
    });

    it('ends an OOM watch when its signal aborts', async ({ skip }) => {
      if (source.watchOom === undefined) return skip('the source does not watch OOM kills');
      const ac = new AbortController();
      const iterator = source.watchOom(clone(fixtures.handled[0] as ContainerRef), ac.signal)[Symbol.asyncIterator]();
      const first = iterator.next();
      ac.abort();
      // What was already seen may still come out (a fake tree may look `gone`), then the watch ends.
      let result = await first.catch(() => ({ done: true as const, value: undefined }));
      for (let seen = 0; result.done !== true && seen < 100; seen++) {
        expect(['oom', 'gone']).toContain(result.value);
        result = await iterator.next().catch(() => ({ done: true as const, value: undefined }));
      }
      expect(result.done, 'the watch kept yielding after its signal aborted').toBe(true);
    });
  });
}
