import { mkdir, mkdtemp, rm, symlink, writeFile, readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KatamonError } from '@katamon/core';
import { RuncResolver } from './runc-resolver.js';
import { selfProcess, tempRoot, type TempRoot } from './state-root.fixture.js';

describe('RuncResolver over a runc-style root', () => {
  let root: TempRoot;
  let cgroups: string;
  let self: { pid: number; startTime: number };
  let resolver: RuncResolver;

  beforeEach(async () => {
    root = await tempRoot();
    cgroups = await mkdtemp(join(tmpdir(), 'katamon-cg-'));
    self = await selfProcess();
    resolver = new RuncResolver({ roots: [{ path: root.path, runtime: 'runc' }] });
  });
  afterEach(async () => {
    await root.cleanup();
    await rm(cgroups, { recursive: true, force: true });
  });

  it('reads pid, created, bundle, netns and v1 cgroup paths (hybrid unified entry dropped)', async () => {
    await root.add('abc111', {
      ...self,
      netns: `/proc/${self.pid}/ns/net`,
      bundle: '/srv/b',
      cgroupPaths: {
        '': '/sys/fs/cgroup/unified/abc111',
        memory: '/sys/fs/cgroup/memory/abc111',
        cpu: '/sys/fs/cgroup/cpu/abc111',
      },
    });
    const [ref] = await resolver.match('abc111');
    expect(ref).toMatchObject({
      id: 'abc111',
      runtime: 'runc',
      resolver: 'runc',
      status: 'running',
      pid: self.pid,
      created: '2026-11-29T21:27:32.718018227Z',
      netnsPath: `/proc/${self.pid}/ns/net`,
      cgroup: { version: 1, paths: { memory: '/sys/fs/cgroup/memory/abc111', cpu: '/sys/fs/cgroup/cpu/abc111' } },
      labels: { bundle: '/srv/b', root: root.path },
    });
    expect(ref?.cgroup?.version === 1 && '' in ref.cgroup.paths).toBe(false);
  });

  it('takes a lone unified entry as cgroup v2', async () => {
    await root.add('v2box', { ...self, cgroupPaths: { '': '/sys/fs/cgroup/system.slice/v2box' } });
    const [ref] = await resolver.match('v2box');
    expect(ref?.cgroup).toEqual({ version: 2, path: '/sys/fs/cgroup/system.slice/v2box' });
  });

  it('decides status like runc: start-time mismatch or dead pid is stopped, exec.fifo is created, freezer is paused', async () => {
    await root.add('reused', { pid: self.pid, startTime: self.startTime + 1 });
    await root.add('never', { pid: 0 });
    const created = await root.add('made', self);
    await writeFile(join(created, 'exec.fifo'), '');
    await mkdir(join(cgroups, 'freezer'));
    await writeFile(join(cgroups, 'freezer', 'freezer.state'), 'FROZEN\n');
    await root.add('frozen', { ...self, cgroupPaths: { freezer: join(cgroups, 'freezer') } });
    // The cgroup paths must be below the cgroup root: here the temp tree.
    const local = new RuncResolver({ roots: [{ path: root.path, runtime: 'runc' }], cgroupRoot: cgroups });
    const status = Object.fromEntries((await local.list()).map((r) => [r.id, r.status]));
    expect(status).toEqual({ reused: 'stopped', never: 'stopped', made: 'created', frozen: 'paused' });
    const [stopped] = await resolver.match('reused');
    expect(stopped?.pid).toBeUndefined();
  });

  it('reads an exited pid as stopped', async () => {
    const child = execFileSync('sh', ['-c', 'sleep 0 & echo $!; sleep 0.3'], { encoding: 'utf8' });
    // The background child has exited and been reaped: its pid is gone, which is stopped, not an error.
    await root.add('gonepid', { pid: Number(child.trim()), startTime: 1 });
    expect((await resolver.match('gonepid'))[0]?.status).toBe('stopped');
  });

  it('matches by prefix below 64 characters and exactly at 64', async () => {
    const full = 'a'.repeat(64);
    await root.add(full, self);
    await root.add(`${'a'.repeat(63)}b`, self);
    expect((await resolver.match('aaaa')).map((r) => r.id).sort()).toEqual([full, `${'a'.repeat(63)}b`]);
    expect((await resolver.match(full)).map((r) => r.id)).toEqual([full]);
    // 63 characters: the longest query that still matches by prefix.
    expect((await resolver.match('a'.repeat(63))).map((r) => r.id).sort()).toEqual([full, `${'a'.repeat(63)}b`]);
    expect((await resolver.match(`${'a'.repeat(62)}b`)).map((r) => r.id)).toEqual([]);
    expect(await resolver.match('zzz')).toEqual([]);
  });

  it('names the file of a truncated or corrupt state.json', async () => {
    const dir = await root.add('broken', self);
    const text = await readFile(join(dir, 'state.json'), 'utf8');
    await writeFile(join(dir, 'state.json'), text.slice(0, text.length / 2));
    const error = await resolver.match('broken').catch((e: unknown) => e);
    expect(KatamonError.isKind(error, 'parse')).toBe(true);
    expect((error as Error).message).toContain(join(dir, 'state.json'));
    await writeFile(join(dir, 'state.json'), '{"id": 42}');
    await expect(resolver.match('broken')).rejects.toThrow(/state\.json: "id" has the wrong type/);
    const listed = await resolver.list();
    expect(listed[0]).toMatchObject({ id: 'broken', status: 'unknown' });
    expect(listed[0]?.labels?.['error']).toContain('state.json');
  });

  it('refuses symlinked state directories and files, and does not hang on a FIFO', async () => {
    const outside = await tempRoot('katamon-outside-');
    try {
      const target = await outside.add('evil', self);
      await symlink(target, join(root.path, 'evil'));
      await expect(resolver.match('evil')).rejects.toMatchObject({ kind: 'permission-denied' });
      await mkdir(join(root.path, 'linkfile'));
      await symlink(join(target, 'state.json'), join(root.path, 'linkfile', 'state.json'));
      await expect(resolver.match('linkfile')).rejects.toMatchObject({ kind: 'permission-denied' });
      await mkdir(join(root.path, 'fifo'));
      execFileSync('mkfifo', [join(root.path, 'fifo', 'state.json')]);
      await expect(resolver.match('fifo')).rejects.toMatchObject({ kind: 'parse' });
    } finally {
      await outside.cleanup();
    }
  });

  it('accepts a root that is itself a symlink (/var/run -> /run)', async () => {
    await root.add('viaLink', self);
    const link = join(cgroups, 'run-link');
    await symlink(root.path, link);
    const linked = new RuncResolver({ roots: [{ path: link, runtime: 'runc' }] });
    expect((await linked.match('viaLink'))[0]).toMatchObject({ id: 'viaLink', status: 'running' });
  });

  it('treats a directory without state as no container, and a missing root as empty', async () => {
    await mkdir(join(root.path, 'creating'));
    expect(await resolver.match('creating')).toEqual([]);
    const none = new RuncResolver({ roots: [{ path: join(root.path, 'nope'), runtime: 'runc' }] });
    expect(await none.list()).toEqual([]);
  });

  it('finds no container for a valid id longer than a file name may be (ENAMETOOLONG)', async () => {
    // Ids may have 1024 characters, a directory name 255: such a container cannot exist, and it is no I/O error.
    await expect(resolver.match('z'.repeat(1024))).resolves.toEqual([]);
    await expect(resolver.match('z'.repeat(256))).resolves.toEqual([]);
  });

  it('refreshes from the same root and reports deletion as undefined', async () => {
    const dir = await root.add('fresh', self);
    const [ref] = await resolver.match('fresh');
    expect(await resolver.refresh(ref!)).toMatchObject({ id: 'fresh', status: 'running' });
    await rm(dir, { recursive: true });
    expect(await resolver.refresh(ref!)).toBeUndefined();
  });

  it('reads crun status files with cgroup paths relative to the cgroup mount', async () => {
    const dir = join(root.path, 'crunbox');
    await mkdir(dir);
    await writeFile(
      join(dir, 'status'),
      JSON.stringify({
        pid: self.pid,
        'process-start-time': self.startTime,
        'cgroup-path': '/crunbox',
        bundle: '/b',
        created: '2026-01-01T00:00:00Z',
      }),
    );
    await mkdir(join(cgroups, 'cpu,cpuacct'));
    await mkdir(join(cgroups, 'memory'));
    const crun = new RuncResolver({ roots: [{ path: root.path, runtime: 'crun' }], cgroupRoot: cgroups });
    const [ref] = await crun.match('crun');
    expect(ref).toMatchObject({
      id: 'crunbox',
      runtime: 'crun',
      status: 'running',
      netnsPath: `/proc/${self.pid}/ns/net`,
      cgroup: {
        version: 1,
        paths: {
          cpu: `${cgroups}/cpu,cpuacct/crunbox`,
          cpuacct: `${cgroups}/cpu,cpuacct/crunbox`,
          memory: `${cgroups}/memory/crunbox`,
        },
      },
    });
  });

  it('searches several roots', async () => {
    const other = await tempRoot();
    try {
      await root.add('one', self);
      await other.add('two', self);
      const both = new RuncResolver({
        roots: [
          { path: root.path, runtime: 'runc' },
          { path: other.path, runtime: 'crun' },
        ],
      });
      expect((await both.list()).map((r) => `${r.runtime}:${r.id}`)).toEqual(['runc:one', 'crun:two']);
    } finally {
      await other.cleanup();
    }
  });
});
