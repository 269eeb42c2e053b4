import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import {
  checkContainerRef,
  PREFIX_QUERY_LIMIT,
  type ContainerRef,
  type ContainerResolver,
  type ContainerStatus,
} from '@katamon/core';

/** The containers a resolver is tested against: real or fake, set up by `fixtures()`. */
export interface ContainerResolverFixtures {
  /** Containers the resolver must see, and the status each must have when given. */
  present: { id: string; status?: ContainerStatus }[];
  /** A ref the resolver produced for a container that has gone since: refresh must say so. */
  gone?: ContainerRef;
}

export interface DescribeContainerResolverOptions {
  create(): ContainerResolver | Promise<ContainerResolver>;
  /** Sets the containers up once (write state files, start processes). */
  fixtures(): ContainerResolverFixtures | Promise<ContainerResolverFixtures>;
  /** Undoes what `fixtures` did. */
  cleanup?(): void | Promise<void>;
}

// Queries katamon may pass on (each passes validateContainerId, as the port promises): answered, never thrown.
const oddQueries = ['-', '_', '+', '..a', 'a'.repeat(63), 'A'.repeat(64), 'z'.repeat(1024)];

/**
 * The product's own check of a plugin's ref (`checkContainerRef` in core, run on every answer of a
 * third-party resolver), and what crossing a worker thread requires (a structured clone).
 */
function problemsOf(refs: unknown, resolver: string, what: string): string[] {
  if (!Array.isArray(refs)) return [`${what}: not an array`];
  return refs.flatMap((ref, i) => {
    const checked = checkContainerRef(ref, resolver, `${what}[${i}]`);
    if (!checked.ok) return [checked.problem];
    try {
      structuredClone(ref);
      return [];
    } catch (error) {
      return [`${what}[${i}]: cannot cross a thread (${(error as Error).message})`];
    }
  });
}

function expectNoProblems(problems: readonly string[]): void {
  if (problems.length > 0) expect.fail(`katamon would refuse this answer:\n  - ${problems.join('\n  - ')}`);
}

/**
 * The contract every ContainerResolver (first- or third-party) must meet, as a vitest suite to call from
 * the resolver's own spec file: `describeContainerResolver('my-resolver', { create, fixtures })`.
 */
export function describeContainerResolver(name: string, options: DescribeContainerResolverOptions): void {
  describe(`ContainerResolver conformance: ${name}`, () => {
    let resolver: ContainerResolver;
    let fixtures: ContainerResolverFixtures;
    beforeAll(async () => {
      fixtures = await options.fixtures();
      resolver = await options.create();
    });
    afterAll(async () => {
      await options.cleanup?.();
    });

    it('has a non-empty name', () => {
      expect(typeof resolver.name).toBe('string');
      expect(resolver.name).not.toBe('');
    });

    it('lists every present container once, as refs katamon accepts', async () => {
      expect(fixtures.present.length, 'give at least one present container').toBeGreaterThan(0);
      const refs = await resolver.list();
      expectNoProblems(problemsOf(refs, resolver.name, 'list()'));
      const ids = refs.map((r) => r.id);
      expect(new Set(ids).size, `ids listed twice: ${ids}`).toBe(ids.length);
      for (const { id, status } of fixtures.present) {
        const ref = refs.find((r) => r.id === id);
        expect(ref, `list() misses ${id}`).toBeDefined();
        if (status !== undefined) expect(ref?.status, `status of ${id}`).toBe(status);
      }
    });

    it('matches an exact id, and only ids that start with the query', async () => {
      for (const { id } of fixtures.present) {
        const refs = await resolver.match(id);
        expectNoProblems(problemsOf(refs, resolver.name, `match(${JSON.stringify(id)})`));
        expect(refs.map((r) => r.id)).toContain(id);
        for (const ref of refs) expect(ref.id.startsWith(id), `match(${id}) answered ${ref.id}`).toBe(true);
      }
    });

    it(`matches a prefix shorter than ${PREFIX_QUERY_LIMIT} characters`, async () => {
      for (const { id } of fixtures.present) {
        const prefix = id.slice(0, Math.max(1, Math.min(id.length - 1, PREFIX_QUERY_LIMIT - 1)));
        const refs = await resolver.match(prefix);
        expectNoProblems(problemsOf(refs, resolver.name, `match(${JSON.stringify(prefix)})`));
        expect(
          refs.map((r) => r.id),
          `match(${prefix})`,
        ).toContain(id);
        for (const ref of refs) expect(ref.id.startsWith(prefix), `match(${prefix}) answered ${ref.id}`).toBe(true);
      }
    });

    it('answers an unknown id with no containers', async () => {
      await expect(resolver.match(`no-such-container-${Math.random().toString(36).slice(2)}`)).resolves.toEqual([]);
    });

    it('answers odd but valid queries without throwing', async () => {
      for (const query of oddQueries) {
        const refs = await resolver.match(query);
        expectNoProblems(problemsOf(refs, resolver.name, `match(${JSON.stringify(query.slice(0, 8))}…)`));
      }
    });

    it('refreshes a listed container to a ref of the same id', async () => {
      for (const ref of await resolver.list()) {
        const now = await resolver.refresh(structuredClone(ref));
        if (now === undefined) continue; // it went away meanwhile: that is an allowed answer
        expectNoProblems(problemsOf([now], resolver.name, `refresh(${ref.id})`));
        expect(now.id).toBe(ref.id);
      }
    });

    it('refreshes a container that has gone to undefined (or a stopped ref)', async ({ skip }) => {
      if (fixtures.gone === undefined) return skip('no `gone` fixture given');
      const now = await resolver.refresh(structuredClone(fixtures.gone));
      if (now !== undefined) expect(now.status, `refresh(${fixtures.gone.id})`).toBe('stopped');
    });

    it('answers concurrent calls', async () => {
      const answers = await Promise.all([
        ...[1, 2, 3].map(() => resolver.list()),
        ...fixtures.present.map(({ id }) => resolver.match(id)),
      ]);
      for (const { id } of fixtures.present)
        for (const refs of answers.slice(0, 3)) expect(refs.map((r: ContainerRef) => r.id)).toContain(id);
    });
  });
}
