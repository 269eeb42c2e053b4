import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { NOT_ON_THIS_HOST, type PluginManifest, type StatsSource } from '@katamon/core';
import { builtinPlugins, createKatamonFromPlugins } from '@katamon/composition';
import { runcAvailable, startRuncContainer, type RuncContainer } from '@katamon/test-fixtures';
import { buildServer, type KatamonServer } from '@katamon/server';
import { StreamReader } from './stream-reader.js';

const CLIENTS = 1000;

/** Wraps every source of a plugin so each collect() is counted per (source, container). */
function counting(manifest: PluginManifest, counts: Map<string, number>): PluginManifest {
  const wrap = (source: StatsSource): StatsSource => ({
    name: source.name,
    probe: (ref) => source.probe(ref),
    collect: (ref, signal) => {
      const key = `${source.name}/${ref.id}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      return source.collect(ref, signal);
    },
    ...(source.watchOom ? { watchOom: (ref, signal) => source.watchOom!(ref, signal) } : {}),
    ...(source.release ? { release: (ref) => source.release!(ref) } : {}),
  });
  return {
    ...manifest,
    ...(manifest.sources
      ? {
          sources: manifest.sources.map((f) => ({
            kind: f.kind,
            create: async (ctx) => {
              const source = await f.create(ctx);
              return source === NOT_ON_THIS_HOST ? source : wrap(source);
            },
          })),
        }
      : {}),
  };
}

describe(`${CLIENTS} SSE clients on one container`, () => {
  // Prerequisites are installed by .ci/run: a missing one fails loudly instead of skipping.
  beforeAll(() =>
    expect(!runcAvailable(), 'missing prerequisite: run .ci/run (root, runc, busybox-static, Go, Chromium)').toBe(
      false,
    ),
  );
  const root = mkdtempSync(join(tmpdir(), 'katamon-fanout-root-'));
  const counts = new Map<string, number>();
  let container: RuncContainer;
  let server: KatamonServer;
  let base: string;
  const readers: StreamReader[] = [];

  beforeAll(async () => {
    // Two descriptors per client in this process (client and server end). Node raises its soft limit to the hard
    // one at start; this lifts a hard limit below ~2,100 too, where root may (best effort).
    spawnSync('prlimit', ['--pid', String(process.pid), '--nofile=65536:65536'], { stdio: 'ignore' });
    container = await startRuncContainer({ root });
    const plugins = (await builtinPlugins()).map((p) => counting(p, counts));
    const katamon = await createKatamonFromPlugins({ plugins, roots: { runc: root } });
    server = await buildServer({ katamon, processMetrics: false });
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
  }, 120_000);

  afterAll(async () => {
    for (const r of readers) r.close();
    await server?.shutdown();
    await container?.delete();
    rmSync(root, { recursive: true, force: true });
  }, 60_000);

  it('cost one source read per tick and share those samples', async () => {
    const path = `/v1/containers/${container.id}/events?interval=500ms`;
    for (let batch = 0; batch < CLIENTS / 100; batch++) {
      const opened = Array.from({ length: 100 }, () => new StreamReader(base, path, 'text/event-stream'));
      readers.push(...opened);
      await Promise.all(opened.map((r) => r.until(() => r.status !== 0 || r.closed)));
    }
    expect(readers.every((r) => r.status === 200)).toBe(true);
    expect(server.hub.clientCount).toBe(CLIENTS);
    expect(server.hub.channelCount).toBe(1);

    const all = (n: number) => Promise.all(readers.map((r) => r.until(() => r.count('stats') >= n, 60_000)));
    await all(1);
    const sourceKeys = [...counts.keys()].filter((k) => k.endsWith(`/${container.id}`));
    const before = sourceKeys.map((k) => counts.get(k) ?? 0);
    await all(4);
    const after = sourceKeys.map((k) => counts.get(k) ?? 0);
    // Between "everyone has 1" and "everyone has 4" lie 3 or 4 ticks: one collect per source per tick.
    expect(sourceKeys.length).toBeGreaterThan(0);
    sourceKeys.forEach((key, i) => {
      expect(after[i]! - before[i]!, key).toBeGreaterThanOrEqual(3);
      expect(after[i]! - before[i]!, key).toBeLessThanOrEqual(5);
    });

    // Every event any client received is one of the few samples taken: none was read per client.
    const distinct = new Set(readers.flatMap((r) => r.events.filter((e) => e.event === 'stats').map((e) => e.data)));
    const reads = Math.max(...sourceKeys.map((k) => counts.get(k) ?? 0));
    expect(distinct.size).toBeLessThanOrEqual(reads);
    expect(readers.reduce((n, r) => n + r.count('stats'), 0)).toBeGreaterThanOrEqual(4 * CLIENTS);
  }, 120_000);
});
