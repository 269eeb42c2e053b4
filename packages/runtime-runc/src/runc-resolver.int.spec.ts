import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runcAvailable, startRuncContainer, type RuncContainer } from '@katamon/test-fixtures';
import { KatamonError } from '@katamon/core';
import { RuncResolver } from './runc-resolver.js';
import { resolveRuncContainer } from './resolve-runc-container.js';

const outcome = (promise: Promise<{ id: string }>) =>
  promise.then(
    (ref) => ref.id,
    (e: unknown) => `${KatamonError.is(e) ? e.kind : 'thrown'}: ${(e as Error).message}`,
  );

describe('RuncResolver against real runc containers', () => {
  // Prerequisites are installed by .ci/run: a missing one fails loudly instead of skipping.
  beforeAll(() =>
    expect(!runcAvailable(), 'missing prerequisite: run .ci/run (root, runc, busybox-static, Go, Chromium)').toBe(
      false,
    ),
  );
  const prefix = `kt${Math.random().toString(36).slice(2, 8)}`;
  let root: string;
  const containers: RuncContainer[] = [];
  let resolver: RuncResolver;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'katamon-runc-int-'));
    for (const suffix of ['aaa1', 'aaa2', 'bbb'])
      containers.push(await startRuncContainer({ id: `${prefix}${suffix}`, root }));
    resolver = new RuncResolver({ roots: [{ path: root, runtime: 'runc' }] });
  });
  afterAll(async () => {
    for (const c of containers) await c.delete();
    await rm(root, { recursive: true, force: true });
  });

  it('resolves a full id with runc status, pid, cgroup and netns', async () => {
    const [a] = containers;
    const ref = await resolveRuncContainer([resolver], a!.id);
    expect(ref).toMatchObject({
      id: a!.id,
      runtime: 'runc',
      status: 'running',
      pid: a!.pid,
      netnsPath: `/proc/${a!.pid}/ns/net`,
    });
    expect(ref.labels?.['bundle']).toBe(a!.bundle);
    const memory = ref.cgroup?.version === 1 ? ref.cgroup.paths['memory'] : ref.cgroup?.path;
    expect(memory && existsSync(memory)).toBe(true);
    const procs = await readFile(join(memory!, 'cgroup.procs'), 'utf8');
    expect(procs.split('\n')).toContain(String(a!.pid));
  });

  it('resolves a unique prefix to the full id and reports an ambiguous one', async () => {
    expect(await outcome(resolveRuncContainer([resolver], `${prefix}b`))).toBe(`${prefix}bbb`);
    expect(await outcome(resolveRuncContainer([resolver], `${prefix}aaa`))).toBe(
      `ambiguous: multiple containers found (${prefix}aaa)`,
    );
    expect(await outcome(resolveRuncContainer([resolver], `${prefix}zzz`))).toBe(
      `not-found: Container ID (${prefix}zzz) does not exist`,
    );
  });

  it('agrees with `runc list` on every status, paused included', async () => {
    const paused = containers[1]!;
    expect((await paused.runc(['pause', paused.id])).code).toBe(0);
    try {
      const runcList = JSON.parse((await paused.runc(['list', '--format', 'json'])).stdout) as {
        id: string;
        status: string;
      }[];
      const ours = await resolver.list();
      expect(ours.map((r) => [r.id, r.status]).sort()).toEqual(runcList.map((c) => [c.id, c.status]).sort());
      expect(ours.find((r) => r.id === paused.id)?.status).toBe('paused');
    } finally {
      await paused.runc(['resume', paused.id]);
    }
  });

  it('sees a container made by `runc create` (not yet started) as created, then running after `runc start`', async () => {
    const a = containers[0]!;
    const id = `${prefix}new`;
    const bundle = await mkdtemp(join(tmpdir(), 'katamon-runc-create-'));
    try {
      const spec = JSON.parse(await readFile(join(a.bundle, 'config.json'), 'utf8'));
      spec.root.path = join(a.bundle, 'rootfs');
      spec.linux.cgroupsPath = `/katamon-test/${id}`;
      await writeFile(join(bundle, 'config.json'), JSON.stringify(spec));
      // `runc create` hands its stdio to the container's init: give it none, or it never lets go of our pipes.
      const code = await new Promise((resolve) =>
        spawn('runc', ['--root', root, 'create', '--bundle', bundle, id], { stdio: 'ignore' }).once('exit', resolve),
      );
      expect(code).toBe(0);
      const [created] = await resolver.match(id);
      expect(created).toMatchObject({ id, status: 'created' });
      expect(created?.pid).toBeGreaterThan(0);
      expect((await a.runc(['start', id])).code).toBe(0);
      expect((await resolver.match(id))[0]?.status).toBe('running');
    } finally {
      await a.runc(['delete', '--force', id]);
      await rm(bundle, { recursive: true, force: true });
    }
  });

  it('reports a container that exits after resolve as stopped/not running, then a deleted one as not found', async () => {
    const c = await startRuncContainer({ id: `${prefix}ccc`, root });
    containers.push(c);
    const ref = await resolveRuncContainer([resolver], `${prefix}c`);
    await c.kill();
    expect(await resolver.refresh(ref)).toMatchObject({ id: c.id, status: 'stopped' });
    expect(await outcome(resolveRuncContainer([resolver], `${prefix}c`))).toBe(
      `not-running: Container ID (${prefix}c) does not exist`,
    );
    expect((await c.runc(['delete', c.id])).code).toBe(0);
    expect(await resolver.refresh(ref)).toBeUndefined();
    expect(await outcome(resolveRuncContainer([resolver], c.id))).toBe(
      `not-found: Container ID (${c.id}) does not exist`,
    );
  });

  it('names the file when a copy of the root has a truncated or corrupt state.json', async () => {
    const copy = await mkdtemp(join(tmpdir(), 'katamon-runc-copy-'));
    try {
      await cp(root, copy, { recursive: true });
      const file = join(copy, `${prefix}bbb`, 'state.json');
      const text = await readFile(file, 'utf8');
      const damaged = new RuncResolver({ roots: [{ path: copy, runtime: 'runc' }] });
      await writeFile(file, text.slice(0, 100));
      expect(await outcome(resolveRuncContainer([damaged], `${prefix}bbb`))).toMatch(
        new RegExp(`^parse: corrupt state file ${file}: `),
      );
      await writeFile(file, text.replace('"init_process_pid":', '"init_process_pid":"x",'));
      expect(await outcome(resolveRuncContainer([damaged], `${prefix}b`))).toMatch(
        new RegExp(`^parse: corrupt state file ${file}`),
      );
      // The undamaged copies still resolve.
      expect(await outcome(resolveRuncContainer([damaged], `${prefix}aaa1`))).toBe(`${prefix}aaa1`);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});
