// Isolated plugins that block, exit, crash or flood: real plugin files in real worker threads. The host keeps
// sampling the other sources, reports the plugin in health(), restarts it, disables it, and leaves nothing
// behind on close.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Katamon, Logger } from '@katamon/core';
import { fixedContainersPlugin, writePluginModule } from '@katamon/test-fixtures';
import { createKatamonFromPlugins } from '../create-katamon-from-plugins.js';
import { loadPluginModules } from '../load-plugin-modules.js';
import type { IsolationOptions } from './isolation-options.js';

const dir = mkdtempSync(join(tmpdir(), 'katamon-isolated-faults-'));
/** The first-party stand-in: two containers, and pids for each. */
const trusted = fixedContainersPlugin('trusted', ['victim', 'other']);
const fast: Partial<IsolationOptions> = { pingEveryMs: 50, stuckAfterMs: 1000, restartDelayMs: 20, maxRestarts: 2 };

const threads = () => readdirSync('/proc/self/task').length;
async function until(what: string, condition: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Logged {
  level: string;
  message: string;
  fields?: Record<string, unknown>;
}
function recordingLogger(lines: Logged[]): Logger {
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    void lines.push({ level, message, ...(fields === undefined ? {} : { fields }) });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

async function start(files: string[], options: Partial<IsolationOptions>, logs: Logged[] = []) {
  const loaded = await loadPluginModules(files, { isolation: options });
  const k = await createKatamonFromPlugins({
    plugins: [trusted, ...loaded.plugins],
    failures: loaded.failures,
    config: { sourceDeadlineMs: 300 },
    logger: recordingLogger(logs),
  });
  return { k, failures: loaded.failures };
}
const stateOf = (k: Katamon, name: string) => k.health().plugins.find((p) => p.name === name);

describe('isolated plugins that misbehave', () => {
  it('terminates a plugin stuck in while(true), keeps sampling the others, restarts it, then disables it', async () => {
    const baseline = threads();
    const spins = writePluginModule(dir, 'spins.mjs', {
      name: 'spins',
      sources: [`{ name: 'spins/source', probe: () => 'handle', collect: async () => { for (;;) {} } }`],
    });
    const { k } = await start([spins], fast);
    try {
      const first = await k.sample(await k.resolve('victim'));
      expect(first.stats.pids).toEqual({ current: 1n, limit: 0n });
      expect(first.issues).toEqual([
        { source: 'spins/source', kind: 'timeout', message: 'source spins/source did not answer within 300 ms' },
      ]);
      // Every stop in a row is one more restart, until the plugin is disabled; the others never stop answering.
      await until('the plugin is disabled', async () => {
        const sample = await k.sample(await k.resolve('other'));
        expect(sample.stats.pids).toEqual({ current: 1n, limit: 0n });
        return stateOf(k, 'spins')?.error?.code === 'KATAMON_PLUGIN_DISABLED';
      });
      expect(stateOf(k, 'spins')?.error?.message).toMatch(
        /^plugin "spins" stopped: blocked its event loop: no answer for 1000 ms; disabled after 3 stops in a row$/,
      );
      expect((await k.sample(await k.resolve('victim'))).issues).toEqual([]);
    } finally {
      await k.close();
    }
    await until('its worker threads are gone', () => threads() <= baseline);
  });

  it('survives process.exit(0) in a plugin: an issue of kind plugin, a restart, and the plugin serves again', async () => {
    const exits = writePluginModule(dir, 'exits.mjs', {
      name: 'exits',
      sources: [
        `{ name: 'exits/source', probe: () => 'handle', collect: async (ref) => { if (ref.id === 'victim') process.exit(0); return { stats: { hugetlb: new Map([['2MB', { usage: 5n, max: 0n, failcnt: 0n }]]) } }; } }`,
      ],
    });
    const logs: Logged[] = [];
    const { k } = await start([exits], { ...fast, restartDelayMs: 200 }, logs);
    try {
      const sample = await k.sample(await k.resolve('victim'));
      expect(sample.stats.pids).toEqual({ current: 1n, limit: 0n });
      expect(sample.issues).toEqual([
        {
          source: 'exits/source',
          kind: 'plugin',
          message: 'source exits/source failed: plugin "exits" stopped: exited with code 0',
        },
      ]);
      expect(logs).toContainEqual({
        level: 'error',
        message: 'plugin stopped; restarting',
        fields: { plugin: 'exits', reason: 'exited with code 0', inMs: 200 },
      });
      await until('the plugin is back', () => stateOf(k, 'exits')?.ok === true);
      const again = await k.sample(await k.resolve('other'));
      expect(again.issues).toEqual([]);
      expect(again.stats.hugetlb?.get('2MB')?.usage).toBe(5n);
    } finally {
      await k.close();
    }
  });

  it('reports modules that exit, block or throw while loading as import failures, and loads the rest', async () => {
    const good = writePluginModule(dir, 'fine.mjs', {
      name: 'fine',
      sources: [`{ name: 'fine/source', probe: () => 'skip', collect: async () => ({ stats: {} }) }`],
    });
    const broken = [
      ['exit-at-import.mjs', 'process.exit(3);', /stopped while loading: exited with code 3$/],
      ['spin-at-import.mjs', 'for (;;) {}', /stopped while loading: blocked its event loop: no answer for 1000 ms$/],
      ['throw-at-import.mjs', "throw new Error('nope');", /cannot be imported: nope$/],
    ] as const;
    const files = broken.map(([file, prelude]) => writePluginModule(dir, file, { name: file, prelude }));
    const baseline = threads();
    const { k, failures } = await start([...files, good], fast);
    try {
      expect(failures.map((f) => [f.name, f.error.code])).toEqual(files.map((f) => [f, 'KATAMON_PLUGIN_IMPORT']));
      failures.forEach((f, i) => expect(f.error.message).toMatch(broken[i]?.[2] as RegExp));
      expect(stateOf(k, 'fine')).toEqual({ name: 'fine', ok: true });
    } finally {
      await k.close();
    }
    await until('every worker thread is gone', () => threads() <= baseline);
  });

  it('passes a plugin’s log lines and console output to the logger, attributed and rate-limited, never to stdout', async () => {
    const chatty = writePluginModule(dir, 'chatty.mjs', {
      name: 'chatty',
      sources: [
        `{ name: 'chatty/source', probe: () => 'handle', collect: async () => { ctx.logger.warn('from ctx', { n: 1, plugin: 'someone-else' }); for (let i = 0; i < 500; i++) console.log('line ' + i); return { stats: {} }; } }`,
      ],
    });
    const logs: Logged[] = [];
    const { k } = await start([chatty], {}, logs);
    try {
      await k.sample(await k.resolve('victim'));
      await until('console lines arrive', () => logs.some((l) => l.message === 'plugin wrote to stdout'));
      expect(logs).toContainEqual({ level: 'warn', message: 'from ctx', fields: { n: 1, plugin: 'chatty' } });
      expect(logs).toContainEqual({
        level: 'warn',
        message: 'plugin wrote to stdout',
        fields: { plugin: 'chatty', line: 'line 0' },
      });
      expect(logs.filter((l) => l.message === 'plugin wrote to stdout').length).toBeLessThanOrEqual(50);
    } finally {
      await k.close();
    }
  });

  it('relays OOM watches from the worker, checked', async () => {
    const oom = writePluginModule(dir, 'oom.mjs', {
      name: 'oom',
      sources: [
        `{ name: 'oom/source', probe: (r) => r.id === 'victim' ? 'handle' : 'skip', collect: async () => ({ stats: {} }), watchOom: async function* () { yield 'oom'; yield 'gone'; } }`,
      ],
    });
    const { k } = await start([oom], {});
    try {
      const items = [];
      for await (const item of k.stream(await k.resolve('victim'), { intervalMs: 60_000 })) items.push(item);
      expect(items).toEqual([
        { type: 'oom', id: 'victim' },
        { type: 'end', id: 'victim', reason: 'gone' },
      ]);
    } finally {
      await k.close();
    }
  });
});
