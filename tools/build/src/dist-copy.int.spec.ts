import { runcAvailable, startRuncContainer, type RuncContainer } from '@katamon/test-fixtures';
import { copyDist, filesNamingWorkspace, type DistCopy } from './testing/dist-copy.js';
import { get, runNode, startServer, streamEvents } from './testing/run-apps.js';

// dist/katamon/ is all katamon needs beside Node: a copy in an empty directory, away from the repository and any
// node_modules, runs both apps against a real runc container, with the addons compiled by the build.
describe('a copy of dist/katamon/ in an empty directory', () => {
  const node = process.execPath;
  let copy: DistCopy;
  let container: RuncContainer;
  beforeAll(async () => {
    expect(runcAvailable(), 'install runc and busybox-static (.ci/run)').toBe(true);
    copy = copyDist();
    container = await startRuncContainer({ id: `dist-${Math.random().toString(36).slice(2, 10)}` });
  }, 600_000);
  afterAll(async () => {
    await container?.delete();
    copy?.remove();
  });
  const cli = (args: readonly string[], env?: NodeJS.ProcessEnv) =>
    runNode(node, copy.cli, ['--root', container.root, ...args], copy.dir, env);

  it('holds no path into the repository', () => {
    expect(filesNamingWorkspace(copy.dir)).toEqual([]);
  });

  it('runs the CLI: list and events --stats, nothing on stderr', () => {
    const list = cli(['list']);
    expect(list).toMatchObject({ status: 0, stderr: '' });
    expect(list.stdout).toContain(container.id);
    const stats = cli(['events', '--stats', container.id]);
    expect(stats).toMatchObject({ status: 0, stderr: '' });
    expect(JSON.parse(stats.stdout)).toMatchObject({ type: 'stats', id: container.id });
  });

  it('streams with the batch addon compiled by the build, loaded from the copy', async () => {
    const run = await streamEvents(node, copy, container, 3);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(130);
    expect(run.maps).toContain(`${copy.dir}/native/katamon_sysfs.node`);
    for (const line of run.stdout.trim().split('\n')) expect(JSON.parse(line)).toMatchObject({ id: container.id });
  });

  it('loads the vsock addon compiled by the build', () => {
    const probe = runNode(
      node,
      '-e',
      [
        `const m = { exports: {} }; process.dlopen(m, ${JSON.stringify(`${copy.dir}/native/katamon_vsock.node`)}); console.log(Object.keys(m.exports).sort().join())`,
      ],
      copy.dir,
    );
    expect(probe).toMatchObject({ status: 0, stderr: '' });
    expect(probe.stdout.trim().split(',')).toEqual(expect.arrayContaining(['adopt', 'connect', 'socketPair']));
  });

  it('serves /v1/containers, /stats, /metrics and the dashboard with its assets', async () => {
    const server = await startServer(node, copy.server, ['--root', container.root, '--log-level', 'warn'], copy.dir);
    try {
      const list = await get(server.address, '/v1/containers');
      expect(list.status).toBe(200);
      expect((JSON.parse(list.body) as { containers: { id: string }[] }).containers.map((c) => c.id)).toContain(
        container.id,
      );
      const stats = await get(server.address, `/v1/containers/${container.id}/stats`);
      expect(JSON.parse(stats.body)).toMatchObject({ type: 'stats', id: container.id });
      const metrics = await get(server.address, '/metrics');
      expect(metrics.status).toBe(200);
      expect(metrics.body).toMatch(new RegExp(`^container_cpu_usage_seconds_total\\{[^}]*name="${container.id}"`, 'm'));
      const page = await get(server.address, '/');
      expect(page).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
      // Every script and style the page names is served.
      const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string);
      expect(assets).toEqual(expect.arrayContaining(['/ui/uPlot.iife.min.js', '/ui/dashboard.js']));
      for (const asset of assets) expect((await get(server.address, asset)).status, asset).toBe(200);
      expect(await server.stop()).toBe(0);
      expect(server.stderr()).toBe('');
    } finally {
      await server.stop();
    }
  });
});

describe('a copy of dist/katamon/ without its native addons', () => {
  let copy: DistCopy;
  let container: RuncContainer;
  beforeAll(async () => {
    expect(runcAvailable(), 'install runc and busybox-static (.ci/run)').toBe(true);
    copy = copyDist(['native']);
    container = await startRuncContainer({ id: `dist-${Math.random().toString(36).slice(2, 10)}` });
  }, 600_000);
  afterAll(async () => {
    await container?.delete();
    copy?.remove();
  });

  it('streams on the JavaScript fallback and says so once on stderr', async () => {
    const run = await streamEvents(process.execPath, copy, container, 4);
    expect(run.status).toBe(130);
    expect(run.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(4);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('native addon katamon_sysfs not loaded: each file is read with its own readSync');
    expect(lines[0]).toContain(`${copy.dir}/native/katamon_sysfs.node`);
  });
});
