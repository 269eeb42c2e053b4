import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveContainer } from '@katamon/core';
import { FakeShim } from '@katamon/test-fixtures';
import { createKataResolver } from './kata-resolver.js';

const SB = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';
const C1 = 'c1c1c1c1e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';
const C2 = 'c1c2aaaae5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';
const RS = 'f00dfeed5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f900';

describe('kata resolver', () => {
  let dir: string;
  let root: string;
  let shimRoot: string;
  let containerdState: string;
  const shims: FakeShim[] = [];

  beforeAll(async () => {
    // Short: unix socket paths are limited to 107 bytes (real ones, /run/vc/sbs/<64>/shim-monitor.sock, fit).
    dir = await mkdtemp(join(tmpdir(), 'k-'));
    root = join(dir, 'sbs');
    shimRoot = join(dir, 'kata');
    containerdState = join(dir, 'containerd');
    // containerd's bundles of the pod's containers (the io.containerd.kata.v2 shim), with the CRI's annotations.
    const bundles = join(containerdState, 'io.containerd.runtime.v2.task', 'k8s.io');
    const cri = {
      'io.kubernetes.cri.sandbox-id': SB,
      'io.kubernetes.cri.sandbox-name': 'web-5d8f',
      'io.kubernetes.cri.sandbox-namespace': 'shop',
      'io.kubernetes.cri.sandbox-uid': 'u-1',
    };
    await mkdir(join(bundles, SB), { recursive: true });
    await writeFile(
      join(bundles, SB, 'config.json'),
      JSON.stringify({ annotations: { ...cri, 'io.kubernetes.cri.container-type': 'sandbox' } }),
    );
    await mkdir(join(bundles, C1), { recursive: true });
    await writeFile(
      join(bundles, C1, 'config.json'),
      JSON.stringify({
        annotations: {
          ...cri,
          'io.kubernetes.cri.container-type': 'container',
          'io.kubernetes.cri.container-name': 'nginx',
          'io.kubernetes.cri.image-name': 'docker.io/library/nginx:1.25',
        },
      }),
    );
    // A bundle directory that leads out of containerd's state is never read.
    await mkdir(join(dir, 'elsewhere'));
    await writeFile(join(dir, 'elsewhere', 'config.json'), '{"annotations":{"nerdctl/name":"stolen"}}');
    await symlink(join(dir, 'elsewhere'), join(bundles, C2));
    const sb = join(root, SB);
    await mkdir(join(sb, SB), { recursive: true });
    await mkdir(join(sb, C1));
    await writeFile(
      join(sb, 'persist.json'),
      JSON.stringify({
        SandboxContainer: SB,
        State: 'running',
        AgentState: { URL: 'vsock://1234:1024' },
        Network: { NetworkID: '/var/run/netns/cni-1234' },
        Config: { ContainerConfigs: [{ ID: SB }, { ID: C1 }, { ID: C2 }, { ID: '../escape' }] },
      }),
    );
    await writeFile(join(sb, C1, 'persist.json'), JSON.stringify({ State: 'running' }));
    shims.push(
      await FakeShim.listen({ path: join(sb, 'shim-monitor.sock'), agentUrl: 'hvsock:///run/vc/vm/x/clh.sock:1024' }),
    );
    // A second sandbox whose shim fails: persist.json's URL is used.
    const sb2 = join(root, 'sandbox2');
    await mkdir(join(sb2, 'other-container'), { recursive: true });
    await writeFile(
      join(sb2, 'persist.json'),
      JSON.stringify({ State: 'ready', AgentState: { URL: 'unix:///run/agent2.sock' } }),
    );
    shims.push(
      await FakeShim.listen({ path: join(sb2, 'shim-monitor.sock'), agentUrl: '', failWith: 'agent not ready' }),
    );
    // runtime-rs: only a shim socket.
    await mkdir(join(shimRoot, RS), { recursive: true });
    shims.push(await FakeShim.listen({ path: join(shimRoot, RS, 'shim-monitor.sock'), agentUrl: 'vsock://99:1024' }));
    // Things that must never be followed or listed.
    await symlink('/etc', join(root, 'evil'));
    await symlink('/etc', join(sb, 'linked-container'));
    await writeFile(join(root, 'not-a-dir'), '');
    // A sandbox whose persist.json is a symlink out of the root, and one being rewritten (truncated JSON).
    await mkdir(join(root, 'linked-state', 'inner'), { recursive: true });
    await symlink('/etc/hostname', join(root, 'linked-state', 'persist.json'));
    await mkdir(join(root, 'torn-state'), { recursive: true });
    await writeFile(join(root, 'torn-state', 'persist.json'), '{"State":"runn');
  });

  afterAll(async () => {
    await Promise.all(shims.map((s) => s.close()));
    await rm(dir, { recursive: true, force: true });
  });

  it('lists containers of every sandbox with sandbox, agent URL and netns', async () => {
    const resolver = createKataResolver({ roots: [root], shimRoots: [shimRoot], containerdState });
    const refs = await resolver.list();
    expect(refs.map((r) => r.id)).toEqual(
      [SB, C1, C2, RS, 'inner', 'linked-state', 'other-container', 'sandbox2', 'torn-state'].sort(),
    );
    expect(refs.find((r) => r.id === 'inner')).toMatchObject({ status: 'unknown', sandbox: { id: 'linked-state' } });
    expect(refs.find((r) => r.id === 'inner')?.sandbox?.agentUrl).toBeUndefined();
    const c1 = refs.find((r) => r.id === C1);
    expect(c1).toEqual({
      id: C1,
      runtime: 'kata',
      resolver: 'kata',
      status: 'running',
      netnsPath: '/var/run/netns/cni-1234',
      sandbox: {
        id: SB,
        agentUrl: 'hvsock:///run/vc/vm/x/clh.sock:1024',
        netnsPath: '/var/run/netns/cni-1234',
        stateDir: join(root, SB),
      },
      identity: {
        engine: 'kata',
        namespace: 'k8s.io',
        name: 'nginx',
        image: 'docker.io/library/nginx:1.25',
        pod: { name: 'web-5d8f', namespace: 'shop', uid: 'u-1', container: 'nginx', type: 'container', sandboxId: SB },
      },
      labels: { 'io.katacontainers.sandbox': SB },
    });
    expect(refs.find((r) => r.id === SB)?.identity).toMatchObject({
      namespace: 'k8s.io',
      name: 'web-5d8f',
      pod: { type: 'sandbox' },
    });
    expect(refs.find((r) => r.id === RS)?.identity).toEqual({ engine: 'kata', name: RS });
    const c2 = refs.find((r) => r.id === C2)?.identity;
    expect(c2?.name).toBe(C2);
    expect(c2?.issues?.[0]).toMatch(/resolves outside/);
    expect(refs.find((r) => r.id === 'other-container')?.sandbox?.agentUrl).toBe('unix:///run/agent2.sock');
    expect(refs.find((r) => r.id === 'other-container')?.status).toBe('created');
    expect(refs.find((r) => r.id === RS)?.sandbox).toEqual({ id: RS, agentUrl: 'vsock://99:1024' });
  });

  it('resolves by exact id and unique prefix with runc-style errors', async () => {
    const resolvers = [createKataResolver({ roots: [root], shimRoots: [shimRoot], containerdState })];
    expect((await resolveContainer(resolvers, 'c1c1')).id).toBe(C1);
    expect((await resolveContainer(resolvers, C2)).id).toBe(C2);
    await expect(resolveContainer(resolvers, 'c1c')).rejects.toMatchObject({
      kind: 'ambiguous',
      message: 'multiple containers found (c1c)',
    });
    await expect(resolveContainer(resolvers, 'beef')).rejects.toMatchObject({
      kind: 'not-found',
      message: 'Container ID (beef) does not exist',
    });
    await expect(resolveContainer(resolvers, '../etc')).rejects.toMatchObject({ kind: 'invalid-argument' });
  });

  it('resolves a Kata container by the name its bundle gives it, and by namespace/id', async () => {
    const resolvers = [createKataResolver({ roots: [root], shimRoots: [shimRoot], containerdState })];
    expect((await resolveContainer(resolvers, 'nginx')).id).toBe(C1);
    expect((await resolveContainer(resolvers, `k8s.io/${SB}`)).id).toBe(SB);
  });

  it('validates the query before touching the roots and never follows symlinks', async () => {
    const resolver = createKataResolver({ roots: [root], shimRoots: [shimRoot], containerdState });
    await expect(resolver.match('../../etc/passwd')).rejects.toMatchObject({ kind: 'invalid-argument' });
    expect(await resolver.match('evil')).toEqual([]);
    expect(await resolver.match('linked-container')).toEqual([]);
  });

  it('refreshes a ref, and returns undefined once its directory is gone', async () => {
    const resolver = createKataResolver({ roots: [root], shimRoots: [shimRoot], containerdState });
    const [ref] = await resolver.match(C1);
    expect(await resolver.refresh(ref as never)).toMatchObject({ id: C1 });
    const gone = { ...(ref as object), id: 'gone-container' } as never;
    expect(await resolver.refresh(gone)).toBeUndefined();
  });

  it('treats missing roots as empty', async () => {
    const resolver = createKataResolver({
      roots: [join(dir, 'nope')],
      shimRoots: [join(dir, 'nope2')],
      containerdState,
    });
    expect(await resolver.list()).toEqual([]);
  });
});
