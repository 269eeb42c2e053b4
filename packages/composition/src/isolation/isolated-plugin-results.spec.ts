// What an isolated plugin returns is checked against the model before katamon uses it: real plugin files,
// each loaded in its own worker thread, next to a trusted in-process plugin serving the same containers.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeEvent, KatamonError, type Katamon, type Sample } from '@katamon/core';
import { fixedContainersPlugin, writePluginModule } from '@katamon/test-fixtures';
import { createKatamonFromPlugins } from '../create-katamon-from-plugins.js';
import { loadPluginModules } from '../load-plugin-modules.js';

const dir = mkdtempSync(join(tmpdir(), 'katamon-isolated-results-'));
/** The first-party stand-in: two containers, and pids for each. */
const trusted = fixedContainersPlugin('trusted', ['victim', 'other']);

/** A plugin whose source handles every container and answers `collect` with `expr` (a JS expression of `ref`). */
function answering(name: string, expr: string): string {
  return writePluginModule(dir, `${name}.mjs`, {
    name,
    sources: [`{ name: '${name}/source', probe: () => 'handle', collect: async (ref) => (${expr}) }`],
  });
}

async function withPlugin(file: string, run: (k: Katamon) => Promise<void>): Promise<void> {
  const loaded = await loadPluginModules([file]);
  expect(loaded.failures).toEqual([]);
  const k = await createKatamonFromPlugins({ plugins: [trusted, ...loaded.plugins] });
  try {
    await run(k);
  } finally {
    await k.close();
  }
}

const sampleOf = async (k: Katamon, id = 'victim'): Promise<Sample> => k.sample(await k.resolve(id));
const pidsOf = (current: string) => `{ stats: { pids: { current: ${current}, limit: 0n } } }`;
const psi = (avg: string) =>
  `{ stats: { cpu: { usage: { total: 1n, percpu: [], percpuKernel: [], percpuUser: [], kernel: 0n, user: 0n }, throttling: { periods: 0n, throttledPeriods: 0n, throttledTime: 0n }, psi: { some: { avg10: ${avg}, avg60: 0, avg300: 0, total: 0n }, full: { avg10: 0, avg60: 0, avg300: 0, total: 0n } } } } }`;

describe('results of isolated plugins', () => {
  it.each<[string, string, string]>([
    [
      'a string that forges another event',
      pidsOf(`'1},"type":"stats","id":"other","data":{"pids":{"current":666'`),
      'stats.pids.current: expected a bigint, got string',
    ],
    ['a number counter', pidsOf('5'), 'stats.pids.current: expected a bigint, got number'],
    ['a negative counter', pidsOf('-1n'), 'stats.pids.current: out of range (below 0)'],
    ['a counter past 2^64-1', pidsOf('2n ** 64n'), 'stats.pids.current: out of range (above 2^64-1)'],
    ['a huge counter', pidsOf('10n ** 100000n'), 'stats.pids.current: out of range (above 2^64-1)'],
    ['NaN where a number belongs', psi('NaN'), 'stats.cpu.psi.some.avg10: expected a finite number'],
    ['an unknown section', '{ stats: { evil: {} } }', 'stats.evil: not a section of the model'],
    ['an unknown field', '{ stats: { pids: { current: 1n, limit: 0n, x: 1 } } }', 'stats.pids: unknown field "x"'],
    [
      'an object where a Map belongs',
      '{ stats: { hugetlb: {} } }',
      'stats.hugetlb: expected a Map (keys come from the kernel)',
    ],
    ['a Date where an object belongs', '{ stats: { pids: new Date() } }', 'stats.pids: expected an object'],
    ['no stats', '{}', 'stats: not an object'],
    ['extra fields', '{ stats: {}, more: 1 }', 'unknown field "more"'],
  ])(
    'turns %s into an issue of the plugin naming the field; the other sources still count',
    async (what, answer, problem) => {
      const name = `bad-${what.replace(/\W+/g, '-')}`;
      await withPlugin(answering(name, answer), async (k) => {
        const sample = await sampleOf(k);
        expect(sample.issues).toEqual([
          {
            source: `${name}/source`,
            kind: 'plugin',
            message: `source ${name}/source returned an invalid result: ${problem}`,
          },
        ]);
        expect(sample.stats.pids).toEqual({ current: 1n, limit: 0n });
        expect(sample.sources).toEqual(['trusted-pids']);
        const line = encodeEvent(
          {
            type: 'stats',
            id: sample.id,
            data: sample.stats,
            sample: { timestamp: 0, sources: sample.sources, issues: sample.issues },
          },
          'full',
        );
        expect((JSON.parse(line) as { id: string }).id).toBe('victim');
        expect(line).not.toContain('666');
      });
    },
  );

  it('never echoes a huge value and refuses an answer past the size limit', async () => {
    const big = answering('big-string', `{ stats: { runcInterfaces: [{ name: 'x'.repeat(1e6) }] } }`);
    await withPlugin(big, async (k) => {
      const [issue] = (await sampleOf(k)).issues;
      expect(issue?.message).toBe(
        'source big-string/source returned an invalid result: stats.runcInterfaces[0].name: longer than 4096 characters',
      );
    });
    const huge = answering('too-big', `{ stats: { runcInterfaces: [{ name: 'x'.repeat(9e6) }] } }`);
    await withPlugin(huge, async (k) => {
      const [issue] = (await sampleOf(k)).issues;
      expect(issue?.kind).toBe('plugin');
      expect(issue?.message).toMatch(
        /^source too-big\/source failed: the answer is \d+ bytes, more than the limit of 8388608$/,
      );
    });
  });

  it('keeps kinds of the closed set, makes a plain Error (or `internal`) kind plugin, and owns and cuts issues', async () => {
    const cases: [string, string, { kind: string; message: string }][] = [
      [
        'plain-error',
        `Promise.reject(new Error('boom'))`,
        { kind: 'plugin', message: 'source plain-error/source failed: boom' },
      ],
      [
        'claims-internal',
        `Promise.reject(Object.assign(new Error('x'), { kind: 'internal' }))`,
        { kind: 'plugin', message: 'source claims-internal/source failed: x' },
      ],
      ['io-error', `Promise.reject(Object.assign(new Error('disk'), { kind: 'io' }))`, { kind: 'io', message: 'disk' }],
      [
        'throws-string',
        `Promise.reject('just text')`,
        { kind: 'plugin', message: 'source throws-string/source failed: just text' },
      ],
    ];
    for (const [name, answer, issue] of cases)
      await withPlugin(answering(name, answer), async (k) => {
        expect((await sampleOf(k)).issues).toEqual([{ source: `${name}/source`, ...issue }]);
      });
    const blames = answering(
      'blames',
      `{ stats: {}, issues: [{ source: 'trusted-pids', kind: 'internal', message: 'y'.repeat(10000) }] }`,
    );
    await withPlugin(blames, async (k) => {
      const [issue] = (await sampleOf(k)).issues;
      expect(issue).toMatchObject({ source: 'blames/source', kind: 'plugin' });
      expect(issue?.message.length).toBe(513);
    });
  });

  it('fails a sample with kind plugin (never internal) when the plugin is the only source and throws', async () => {
    const alone = writePluginModule(dir, 'alone.mjs', {
      name: 'alone',
      resolvers: [
        `{ name: 'alone', match: async (q) => 'solo'.startsWith(q) ? [{ id: 'solo', runtime: 'alone', resolver: 'alone', status: 'running' }] : [], list: async () => [], refresh: async (r) => r }`,
      ],
      sources: [
        `{ name: 'alone/source', probe: (r) => r.runtime === 'alone' ? 'handle' : 'skip', collect: async () => { throw new Error('no data'); } }`,
      ],
    });
    await withPlugin(alone, async (k) => {
      const failure = await sampleOf(k, 'solo').catch((e: unknown) => e);
      expect(KatamonError.isKind(failure, 'plugin')).toBe(true);
      expect((failure as Error).message).toBe('source alone/source failed: no data');
      // A source that skips a container costs one round trip to learn it, then none.
      expect((await sampleOf(k)).issues).toEqual([]);
    });
  });

  it('checks what a plugin resolver returns: shapes, sizes, and its own name', async () => {
    const evil = (fields: string) =>
      `{ name: 'evil', match: async () => [{ id: 'evil-1', runtime: 'x', resolver: 'evil', status: 'running', ${fields} }], list: async () => [], refresh: async (r) => r }`;
    for (const [fields, problem] of [
      [`cgroup: { version: 2, path: 'sys/fs/cgroup' }`, 'match()[0].cgroup.path: not an absolute path'],
      [`pid: -1`, 'match()[0].pid: not a pid (an integer in 1..4194304)'],
      [`labels: { a: 'b'.repeat(5000) }`, 'match()[0].labels.a: longer than 4096 characters'],
      [`resolver: 'trusted'`, 'match()[0].resolver: expected "evil"'],
    ]) {
      const file = writePluginModule(dir, `evil-${Math.random().toString(36).slice(2)}.mjs`, {
        name: 'evil',
        resolvers: [evil(fields as string)],
      });
      await withPlugin(file, async (k) => {
        const failure = await k.resolve('evil-1').catch((e: unknown) => e);
        expect(KatamonError.isKind(failure, 'plugin')).toBe(true);
        expect((failure as Error).message).toBe(`resolver evil returned an invalid answer: ${problem}`);
        expect((await k.list()).map((r) => r.id)).toEqual(['other', 'victim']);
      });
    }
  });

  it('checks results the same way for a plugin loaded in this thread (isolate: false)', async () => {
    const loaded = await loadPluginModules([answering('in-thread', pidsOf(`'7'`))], { isolate: false });
    const k = await createKatamonFromPlugins({ plugins: [trusted, ...loaded.plugins] });
    try {
      expect((await sampleOf(k)).issues).toEqual([
        {
          source: 'in-thread/source',
          kind: 'plugin',
          message:
            'source in-thread/source returned an invalid result: stats.pids.current: expected a bigint, got string',
        },
      ]);
    } finally {
      await k.close();
    }
  });
});
