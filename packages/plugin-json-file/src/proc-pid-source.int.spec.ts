import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KatamonError } from '@katamon/core';
import { waitUntil } from '@katamon/core-testing';
import { createJsonFileResolver } from './json-file-resolver.js';
import { createProcPidSource } from './proc-pid-source.js';

describe('a process described by a JSON file', () => {
  let child: ChildProcess;
  let file: string;

  beforeAll(async () => {
    // A real busy process: its CPU time must grow between two samples. It says when its 32 MiB are touched.
    child = spawn(
      process.execPath,
      ['-e', "const b = Buffer.alloc(32 << 20, 1); console.log('ready'); for (;;) b[0]++"],
      {
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    await new Promise((resolve) => child.stdout?.once('data', resolve));
    file = join(mkdtempSync(join(tmpdir(), 'katamon-json-file-')), 'containers.json');
    writeFileSync(file, JSON.stringify({ containers: [{ id: 'busy-node', pid: child.pid, runtime: 'process' }] }));
  });
  afterAll(() => child.kill('SIGKILL'));

  it('resolves by prefix and reads growing CPU time, RSS covering the allocation, and threads', async () => {
    const resolver = createJsonFileResolver(file);
    const [ref] = await resolver.match('busy');
    expect(ref).toMatchObject({
      id: 'busy-node',
      status: 'running',
      pid: child.pid,
      netnsPath: `/proc/${child.pid}/ns/net`,
    });
    const source = createProcPidSource();
    expect(source.probe(ref!)).toBe('handle');
    const first = await source.collect(ref!);
    // The process spins: its CPU time grows by a clock tick as soon as the scheduler lets it run.
    const second = await waitUntil(
      async () => {
        const next = await source.collect(ref!);
        return next.stats.cpu!.usage.total > first.stats.cpu!.usage.total ? next : undefined;
      },
      { what: 'the busy process to accumulate CPU time', intervalMs: 20 },
    );
    expect(second.stats.cpu!.usage.total).toBeGreaterThan(first.stats.cpu!.usage.total);
    expect(second.stats.memory!.usage.usage).toBeGreaterThanOrEqual(32n << 20n);
    expect(second.stats.pids!.current).toBeGreaterThanOrEqual(1n);
  });

  it('reports a process that exited as gone, and the resolver stops listing it as running', async () => {
    const resolver = createJsonFileResolver(file);
    const [ref] = await resolver.match('busy-node');
    child.kill('SIGKILL');
    // 'exit' comes after the kernel reaped it: /proc/<pid> is gone by then.
    await new Promise((r) => child.once('exit', r));
    const error = await createProcPidSource()
      .collect(ref!)
      .catch((e: unknown) => e);
    expect(KatamonError.isKind(error, 'gone')).toBe(true);
    expect(await resolver.refresh(ref!)).toBeUndefined();
  });
});
