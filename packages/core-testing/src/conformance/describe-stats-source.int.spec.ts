// The conformance suite must fail a broken source, naming what is wrong: run it on one in a child vitest.
import { join } from 'node:path';
import { runBrokenSpec } from './run-broken-spec.spec-helper.js';

const suite = join(import.meta.dirname, 'describe-stats-source.ts');

const brokenSpec = `
import { describeStatsSource } from ${JSON.stringify(suite)};
let released = 0;
describeStatsSource('broken', {
  create: () => ({
    name: 'broken',
    // Throws on refs without a cgroup.
    probe: (ref) => (ref.cgroup.version === 2 ? 'handle' : 'skip'),
    // Numbers instead of bigints, ignores its signal, never reports a vanished container.
    collect: async () => ({ stats: { pids: { current: 5, limit: 0n } } }),
    release: () => {
      if (++released > 1) throw new Error('already released');
    },
  }),
  refs: () => ({
    handled: [{ id: 'a', runtime: 'runc', resolver: 'r', status: 'running', cgroup: { version: 2, path: '/a' } }],
    gone: { id: 'g', runtime: 'runc', resolver: 'r', status: 'running', cgroup: { version: 2, path: '/g' } },
  }),
});
`;

describe('describeStatsSource on a broken source', () => {
  it('fails exactly the broken points, with messages naming the problem', { timeout: 120_000 }, async () => {
    const { code, failed, message, results } = await runBrokenSpec(brokenSpec);
    expect(code, 'the child run fails').toBe(1);
    expect(failed).toEqual(
      [
        'never throws from probe, whatever the ref',
        'collects a valid partial Stats for every handled ref',
        'rejects with `cancelled` (or an AbortError) when the signal is already aborted',
        'fails with kind `gone` for a container that vanished',
        'releases idempotently, and collects again afterwards',
      ].sort(),
    );
    expect(message('collects a valid partial Stats for every handled ref')).toContain(
      'stats.pids.current: expected a bigint, got number',
    );
    expect(message('rejects with `cancelled` (or an AbortError) when the signal is already aborted')).toContain(
      'collect resolved despite an aborted signal',
    );
    expect(message('releases idempotently, and collects again afterwards')).toContain('already released');
    expect(results['has a non-empty name']?.status).toBe('passed');
  });
});
