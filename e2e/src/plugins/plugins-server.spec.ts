import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUSY_COMMAND, runcAvailable, startRuncContainer, type RuncContainer } from '@katamon/test-fixtures';
import { get } from '../server/http-client.js';
import { bundleServer, startServer, type ServerProcess } from '../server/server-process.js';
import {
  describeContainers,
  EXAMPLE_PLUGIN_NAME,
  installExamplePlugin,
  type DescribedContainers,
  type InstalledExample,
} from './example-plugin.js';

// The example plugin in katamon-server, installed from its tarball outside the repository: its containers in
// the REST API and in /metrics, loaded by package name from a config file beside which it is installed, and by
// path from --plugin.
describe('plugins in katamon-server', () => {
  const suffix = Math.random().toString(36).slice(2, 8);
  const ids = {
    cgroupId: `splug-cg-${suffix}`,
    processId: `splug-proc-${suffix}`,
  };
  let runc: RuncContainer;
  let described: DescribedContainers;
  let example: InstalledExample;
  const servers: ServerProcess[] = [];
  const emptyRoot = mkdtempSync(join(tmpdir(), 'katamon-e2e-splugin-root-'));

  beforeAll(async () => {
    expect(runcAvailable(), 'runc + busybox-static must be installed, as root').toBe(true);
    bundleServer();
    example = await installExamplePlugin();
    runc = await startRuncContainer({
      id: `splug-runc-${suffix}`,
      command: BUSY_COMMAND,
    });
    described = describeContainers(runc, ids);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    described?.stop();
    await runc?.delete();
  });

  async function serve(pluginArgs: string[]): Promise<string> {
    // Run outside the repository: a package name is found beside the config file, nowhere else.
    const server = await startServer(['--root', emptyRoot, ...pluginArgs], tmpdir());
    servers.push(server);
    return server.address;
  }

  let configs = 0;
  function configFile(plugins: string[]): string {
    const file = join(example.site, `katamon-server-${++configs}.json`);
    writeFileSync(
      file,
      JSON.stringify({
        plugins,
        pluginConfig: { [EXAMPLE_PLUGIN_NAME]: { file: described.file } },
      }),
    );
    return file;
  }

  it.each([
    ['by package name from a config file', () => ['--config', configFile([EXAMPLE_PLUGIN_NAME])]],
    [
      'by path from --plugin (settings from the config file)',
      () => ['--config', configFile([]), '--plugin', example.path],
    ],
  ])('lists the described containers and serves their stats and metrics (%s)', async (_how, args) => {
    const base = await serve(args());
    const list = await get(base, '/v1/containers');
    expect(list.status).toBe(200);
    const listed = list.json as { containers?: { id: string }[] } | { id: string }[];
    const rows = Array.isArray(listed) ? listed : (listed.containers ?? []);
    expect(rows.map((c) => c.id).sort()).toEqual([ids.cgroupId, ids.processId].sort());

    const stats = await get(base, `/v1/containers/${ids.processId.slice(0, -2)}/stats?schema=full`);
    expect(stats.status).toBe(200);
    expect(stats.json).toMatchObject({
      type: 'stats',
      id: ids.processId,
      sources: expect.arrayContaining(['json-file/proc', 'netns']),
    });

    const metrics = await get(base, '/metrics');
    expect(metrics.status).toBe(200);
    for (const id of [ids.cgroupId, ids.processId]) {
      expect(metrics.text).toMatch(
        new RegExp(`^container_cpu_usage_seconds_total\\{[^}]*name="${id}"[^}]*\\} [0-9.e+-]+$`, 'm'),
      );
    }

    const ready = await get(base, '/readyz');
    expect(ready.status).toBe(200);
  });
});
