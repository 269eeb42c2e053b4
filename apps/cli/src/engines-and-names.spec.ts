import { fakeKatamon, harness, named, ref } from './testing/cli-harness.js';

describe('names, engines, filters and the doctor (in process)', () => {
  it('list shows names and images, and filters by engine, label and name', async () => {
    const { katamon } = fakeKatamon([
      named('a'.repeat(64), 'docker', 'web', { app: 'shop' }),
      named('b1', 'containerd', 'cache', { app: 'shop' }),
      named('c1', 'podman', 'db'),
    ]);
    const rows = async (...args: string[]) => {
      const h = harness(katamon);
      expect(await h.run(['list', '--format', 'json', ...args])).toBe(0);
      return h
        .text()
        .trimEnd()
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as { name: string; engine: string; image: string; labels: object });
    };
    expect((await rows()).map((r) => [r.name, r.engine, r.image])).toEqual([
      ['web', 'docker', 'web:1'],
      ['cache', 'containerd', 'cache:1'],
      ['db', 'podman', 'db:1'],
    ]);
    expect((await rows('--engine', 'docker', '--engine', 'podman')).map((r) => r.name)).toEqual(['web', 'db']);
    expect((await rows('--label', 'app=shop', '--name', 'ca')).map((r) => r.name)).toEqual(['cache']);
    const table = harness(katamon);
    expect(await table.run(['list'])).toBe(0);
    expect(table.text().split('\n')[1]).toMatch(/^aaaaaaaaaaaa\s+web\s+docker\s+-\s+running/);
  });

  it('list refuses a label filter without a key', async () => {
    const { katamon } = fakeKatamon([]);
    const h = harness(katamon);
    expect(await h.run(['list', '--label', '=x'])).toBe(1);
    expect(h.err.join('')).toBe('invalid label filter "=x": want key=value\n');
  });

  it('doctor prints what was probed and found (text and json)', async () => {
    const { katamon } = fakeKatamon([named('d1', 'docker', 'web')]);
    Object.assign(katamon, {
      health: () => ({
        plugins: [{ name: '@katamon/runtime-runc', ok: true }],
        sources: ['cgroup-v1'],
        resolvers: ['docker'],
      }),
      probeHost: async () => [
        { engine: 'docker', found: true, detail: 'Docker containers under /run/docker/runtime-runc/moby', paths: [] },
        { engine: 'podman', found: false, detail: 'no /var/lib/containers/storage/x', paths: [] },
      ],
    });
    const h = harness(katamon);
    expect(await h.run(['doctor'])).toBe(0);
    expect(h.text()).toMatch(/^ENGINE\s+FOUND\s+CONTAINERS\s+DETAIL\ndocker\s+yes\s+1\s+Docker containers under/);
    expect(h.text()).toMatch(/\npodman\s+no\s+0\s+no \/var\/lib/);
    const j = harness(katamon);
    expect(await j.run(['doctor', '--format', 'json'])).toBe(0);
    expect(JSON.parse(j.text())).toMatchObject({ containers: { total: 1, byEngine: { docker: 1 } } });
  });

  it('engine roots and discovery from flags and environment', async () => {
    const { katamon } = fakeKatamon([ref('one')]);
    const h = harness(katamon, { KATAMON_DISCOVER: 'docker,containerd', KATAMON_DOCKER_DATA_ROOT: '/dd' });
    expect(await h.run(['--docker-exec-root', '/de', '--containerd-root', '/cr', 'list'])).toBe(0);
    expect(h.created[0]?.settings).toMatchObject({
      roots: { dockerExec: '/de', dockerData: '/dd', containerdRunc: '/cr' },
      discover: ['docker', 'containerd'],
    });
    const none = harness(katamon);
    expect(await none.run(['--discover', 'none', 'list'])).toBe(0);
    expect(none.created[0]?.settings.discover).toEqual([]);
    const bad = harness(katamon);
    expect(await bad.run(['--discover', 'dockr', 'list'])).toBe(1);
    expect(bad.err.join('')).toMatch(/invalid value "dockr" for flag -discover: "dockr" is not one of all, none, runc/);
  });
});
