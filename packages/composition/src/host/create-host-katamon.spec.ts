import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHostKatamon, diagnoseHost } from './create-host-katamon.js';

/** The Docker and containerd trees Docker 20.10 and containerd 1.6 wrote (runtime-runc's fixtures). */
const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'runtime-runc', 'fixtures');

async function liveCopy(from: string, to: string): Promise<void> {
  await cp(from, to, { recursive: true });
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.name === 'state.json') {
        // This process as every container's init: the stat line's field 22 is its start time.
        const stat = (await readFile('/proc/self/stat', 'latin1')).split(') ')[1]?.split(' ') ?? [];
        const state = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
        Object.assign(state, { init_process_pid: process.pid, init_process_start: Number(stat[19]), cgroup_paths: {} });
        await writeFile(path, JSON.stringify(state));
      }
    }
  };
  await walk(to);
}

describe('the host composition entry', () => {
  let dir: string;
  let roots: Record<string, string>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'katamon-host-'));
    await liveCopy(join(FIXTURES, 'docker'), join(dir, 'docker'));
    await liveCopy(join(FIXTURES, 'containerd'), join(dir, 'containerd'));
    await mkdir(join(dir, 'empty'));
    // Only the roots given: with discovery off, nothing of this host's own engines is looked at.
    roots = {
      runc: join(dir, 'empty'),
      containerdRunc: join(dir, 'containerd', 'runc'),
      dockerExec: join(dir, 'docker', 'exec'),
      dockerData: join(dir, 'docker', 'data'),
    };
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('lists the containers of every engine found, with engine, name and image', async () => {
    const katamon = await createHostKatamon({ roots, discover: [], network: false });
    try {
      const refs = await katamon.list();
      expect(
        refs.map((r) => [r.identity?.engine, r.identity?.namespace ?? '', r.identity?.name, r.identity?.image ?? '']),
      ).toEqual([
        ['docker', '', 'web1', 'local/busybox:1'],
        ['containerd', 'default', 'cache', ''],
        ['containerd', 'k8s.io', 'ctr1', ''],
        ['containerd', 'k8s.io', 'nginx', 'docker.io/bars/busybox:1'],
        ['containerd', 'k8s.io', 'web-5d8f', ''],
      ]);
      expect(katamon.health().resolvers).toEqual(['runc', 'containerd', 'docker']);
      await expect(katamon.resolve('web1')).resolves.toMatchObject({ identity: { engine: 'docker' } });
    } finally {
      await katamon.close();
    }
  });

  it('doctor reports every engine probed, what was found and why the others were skipped', async () => {
    const report = await diagnoseHost({ roots, discover: [], network: false });
    const engines = Object.fromEntries(report.engines.map((e) => [e.engine, [e.found, e.containers, e.detail]]));
    expect(engines).toEqual({
      runc: [true, 0, `state roots given: ${join(dir, 'empty')}`],
      crun: [false, 0, 'not discovered (--discover)'],
      podman: [false, 0, 'not discovered (--discover)'],
      'cri-o': [false, 0, 'not discovered (--discover)'],
      containerd: [true, 4, 'namespaces: default, k8s.io'],
      docker: [true, 1, `Docker root given: ${join(dir, 'docker', 'exec', 'runtime-runc', 'moby')}`],
      kata: [false, 0, 'not discovered (--discover)'],
    });
    expect(report.containers.total).toBe(5);
    expect(report.plugins.every((p) => p.ok)).toBe(true);
  });

  it('with discovery off, looks only at the roots given, and does not load Kata', async () => {
    const report = await diagnoseHost({ roots: { runc: join(dir, 'empty') }, discover: [], network: false });
    const found = report.engines.filter((e) => e.found).map((e) => e.engine);
    expect(found).toEqual(['runc']);
    expect(report.engines.find((e) => e.engine === 'kata')).toMatchObject({
      found: false,
      detail: 'not discovered (--discover)',
    });
    expect(report.plugins.map((p) => p.name)).not.toContain('@katamon/kata-agent');
    expect(report.resolvers).toEqual(['runc']);
    expect(report.engines.find((e) => e.engine === 'containerd')).toMatchObject({ found: false, containers: 0 });
  });

  it('does not load kata-agent where no Kata root exists, and says so', async () => {
    const report = await diagnoseHost({ roots: { runc: join(dir, 'empty') }, discover: ['kata'], network: false });
    expect(report.plugins.map((p) => p.name)).not.toContain('@katamon/kata-agent');
    expect(report.engines.find((e) => e.engine === 'kata')?.detail).toBe(
      'no /run/vc or /run/kata: no Kata on this host',
    );
  });
});
