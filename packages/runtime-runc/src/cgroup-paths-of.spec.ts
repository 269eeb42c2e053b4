import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorKindOf } from '@katamon/core';
import { confinementProblem } from '@katamon/sysfs';
import { cgroupPathsOf } from './cgroup-paths-of.js';
import { RuncResolver } from './runc-resolver.js';
import { selfProcess, tempRoot, type TempRoot } from './state-root.fixture.js';

describe(confinementProblem, () => {
  it.each([
    ['/sys/fs/cgroup/memory/katamon/a', undefined],
    ['/sys/fs/cgroup', undefined],
    ['/sys/fs/cgroup/', undefined],
    ['/sys/fs/cgroup/memory/../../../../etc', "has a '.' or '..' segment"],
    ['/sys/fs/cgroup/./memory', "has a '.' or '..' segment"],
    ['/sys/fs/cgroupx/memory', 'is outside /sys/fs/cgroup'],
    ['/etc', 'is outside /sys/fs/cgroup'],
    ['memory/a', 'is not an absolute path'],
    ['/sys/fs/cgroup/a\0b', 'is not an absolute path'],
  ])('%j: %s', (dir, problem) => {
    expect(confinementProblem(dir, '/sys/fs/cgroup/')).toBe(problem);
  });
});

describe('cgroup paths of a runc or crun state', () => {
  let root: TempRoot;
  let cgroups: string;
  let self: { pid: number; startTime: number };
  const writers: ChildProcess[] = [];

  beforeEach(async () => {
    root = await tempRoot();
    cgroups = await mkdtemp(join(tmpdir(), 'katamon-cg-'));
    self = await selfProcess();
  });
  afterEach(async () => {
    for (const w of writers.splice(0)) w.kill('SIGKILL');
    await root.cleanup();
    await rm(cgroups, { recursive: true, force: true });
  });

  const resolver = () => new RuncResolver({ roots: [{ path: root.path, runtime: 'runc' }], cgroupRoot: cgroups });
  const refused = async (id: string) => {
    const error = await resolver()
      .match(id)
      .catch((e: unknown) => e);
    expect(errorKindOf(error), String(error)).toBe('permission-denied');
    return (error as Error).message;
  };

  it("refuses a state.json whose cgroup path escapes the root with '..', naming the file but not the path", async () => {
    const dir = await root.add('dotdot', { ...self, cgroupPaths: { memory: `${cgroups}/memory/../../../etc` } });
    expect(await refused('dotdot')).toBe(
      `refusing state file ${join(dir, 'state.json')}: a cgroup path has a '.' or '..' segment`,
    );
  });

  it('refuses a state.json whose cgroup path is outside the root, and lists it as unknown', async () => {
    await root.add('outside', { ...self, cgroupPaths: { memory: '/etc/katamon-secret-dir' } });
    const message = await refused('outside');
    expect(message).toMatch(/: a cgroup path is outside /);
    expect(message).not.toContain('katamon-secret-dir');
    const [listed] = await resolver().list();
    expect(listed).toMatchObject({ id: 'outside', status: 'unknown' });
  });

  it("refuses crun's relative path when it climbs out of the mount", async () => {
    const state = { id: 'c', pid: 0, startTime: 0n, cgroupPaths: {} };
    await mkdir(join(cgroups, 'memory'));
    const escape = cgroupPathsOf({ ...state, cgroupRelative: '/../../etc' }, cgroups, '/run/crun/c/status');
    await expect(escape).rejects.toThrow("refusing state file /run/crun/c/status: a cgroup path has a '.' or '..'");
    const bare = cgroupPathsOf({ ...state, cgroupRelative: 'etc' }, cgroups, '/run/crun/c/status');
    await expect(bare).rejects.toThrow('a cgroup path is not below the cgroup mount');
    await expect(cgroupPathsOf({ ...state, cgroupRelative: '/ok' }, cgroups)).resolves.toEqual({
      version: 1,
      paths: { memory: `${cgroups}/memory/ok` },
    });
  });

  it('reads the freezer state without following a link, without waiting on a FIFO, and bounded', async () => {
    const secret = join(cgroups, '..', `katamon-secret-${process.pid}`);
    await writeFile(secret, 'FROZEN\n');
    try {
      await mkdir(join(cgroups, 'link'));
      await symlink(secret, join(cgroups, 'link', 'freezer.state'));
      await root.add('link', { ...self, cgroupPaths: { freezer: join(cgroups, 'link') } });
      expect(await refused('link')).toMatch(/freezer\.state: a symbolic link$/);

      await mkdir(join(cgroups, 'fifo'));
      const fifo = join(cgroups, 'fifo', 'freezer.state');
      execFileSync('mkfifo', [fifo]);
      // A reader that waits for a writer would get FROZEN after a while and pass as paused: this one must
      // not wait at all.
      writers.push(spawn('sh', ['-c', `sleep 2; echo FROZEN > '${fifo}'`], { stdio: 'ignore' }));
      await root.add('fifo', { ...self, cgroupPaths: { freezer: join(cgroups, 'fifo') } });
      expect(await refused('fifo')).toMatch(/freezer\.state: not a regular file$/);

      await mkdir(join(cgroups, 'huge'));
      await writeFile(join(cgroups, 'huge', 'freezer.state'), `FROZEN${' '.repeat(100_000)}\n`);
      await root.add('huge', { ...self, cgroupPaths: { freezer: join(cgroups, 'huge') } });
      const error = await resolver()
        .match('huge')
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'io', message: expect.stringMatching(/larger than 64 bytes$/) });
    } finally {
      await rm(secret, { force: true });
    }
  });
});
