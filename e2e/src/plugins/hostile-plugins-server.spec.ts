import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDLE_COMMAND, runcAvailable, startRuncContainer, type RuncContainer } from '@katamon/test-fixtures';
import { get } from '../server/http-client.js';
import { bundleServer, startServer, type ServerProcess } from '../server/server-process.js';
import { StreamReader } from '../server/stream-reader.js';
import { writeHostilePlugins, type HostilePlugins } from './hostile-plugins.js';

interface Readiness {
  status: string;
  plugins: { name: string; ok: boolean; error?: { code: string; message: string } }[];
}
interface FullEvent {
  id: string;
  sources: string[];
  issues: { source: string; kind: string; message: string }[];
}

async function until(what: string, condition: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Plugins that attack the host, loaded by the real bundled server from files on disk next to a real runc
// container: no forged output, no 500, and a plugin that blocks or exits is reported by /readyz while the
// server keeps serving the other containers.
describe('hostile plugins in katamon-server', () => {
  const suffix = Math.random().toString(36).slice(2, 8);
  const ids = { forgedId: `sforged-${suffix}`, onlyId: `splugin-only-${suffix}` };
  let runc: RuncContainer;
  let plugins: HostilePlugins;
  const servers: ServerProcess[] = [];
  const streams: StreamReader[] = [];

  beforeAll(async () => {
    expect(runcAvailable(), 'runc + busybox-static must be installed, as root').toBe(true);
    bundleServer();
    plugins = writeHostilePlugins(mkdtempSync(join(tmpdir(), 'katamon-e2e-shostile-')), ids);
    runc = await startRuncContainer({ id: `shostile-${suffix}`, command: IDLE_COMMAND });
  }, 180_000);

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await Promise.all(servers.map((s) => s.stop()));
    await runc?.delete();
  });

  async function serve(files: string[]): Promise<string> {
    const server = await startServer(['--root', runc.root, ...files.flatMap((f) => ['--plugin', f])]);
    servers.push(server);
    return server.address;
  }

  it('answers with the forger as an issue, and 502 PLUGIN_ERROR (never 500) for bad counters', async () => {
    const base = await serve([plugins.forger, ...plugins.badCounters.map((b) => b.file)]);
    const stats = await get(base, `/v1/containers/${runc.id}/stats?schema=full`);
    expect(stats.status).toBe(200);
    expect(stats.text).not.toContain(ids.forgedId);
    const event = JSON.parse(stats.text) as FullEvent;
    expect(event.id).toBe(runc.id);
    expect(event.issues).toEqual([
      {
        source: 'katamon-e2e-forger/source',
        kind: 'plugin',
        message:
          'source katamon-e2e-forger/source returned an invalid result: stats.pids.current: expected a bigint, got string',
      },
    ]);
    for (const bad of plugins.badCounters) {
      const answer = await get(base, `/v1/containers/${bad.id}/stats?schema=full`);
      expect([bad.what, answer.status, answer.json]).toEqual([
        bad.what,
        502,
        { error: { code: 'PLUGIN_ERROR', message: bad.message, kind: 'plugin' } },
      ]);
    }
    expect((await get(base, '/metrics')).status).toBe(200);
  });

  it.each([
    [
      'stuck in while(true)',
      () => plugins.spinner,
      'katamon-e2e-spinner',
      /^plugin "katamon-e2e-spinner" stopped: blocked its event loop: no answer for 3000 ms; /,
    ],
    [
      'calling process.exit(0)',
      () => plugins.exiter,
      'katamon-e2e-exiter',
      /^plugin "katamon-e2e-exiter" stopped: exited with code 0; /,
    ],
  ])('reports a plugin %s in /readyz and keeps serving the runc container', async (_what, plugin, name, message) => {
    const base = await serve([plugin()]);
    const stream = new StreamReader(
      base,
      `/v1/containers/${runc.id}/events?interval=200ms&schema=full`,
      'application/x-ndjson',
    );
    streams.push(stream);
    let readiness: Readiness | undefined;
    await until('/readyz reports the plugin', async () => {
      const ready = await get(base, '/readyz');
      readiness = ready.json as Readiness;
      return ready.status === 503;
    });
    const entry = readiness?.plugins.find((p) => p.name === name);
    expect(entry?.ok).toBe(false);
    expect(['KATAMON_PLUGIN_RESTARTING', 'KATAMON_PLUGIN_DISABLED']).toContain(entry?.error?.code);
    expect(entry?.error?.message).toMatch(message);

    // The server answers, and the stream of the runc container goes on, after the plugin's worker stopped.
    expect((await get(base, '/healthz')).status).toBe(200);
    const stats = await get(base, `/v1/containers/${runc.id}/stats?schema=full`);
    expect(stats.status).toBe(200);
    expect((JSON.parse(stats.text) as FullEvent).sources).toContain('cgroup-v1');
    const seen = stream.count('stats');
    await stream.until(() => stream.count('stats') >= seen + 2);
    for (const item of stream.events.filter((e) => e.event === 'stats')) {
      const event = JSON.parse(item.data) as FullEvent;
      expect(event.id).toBe(runc.id);
      expect(event.sources).toContain('cgroup-v1');
    }
    expect(stream.count('end')).toBe(0);
  });
});
