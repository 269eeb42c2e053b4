import { readFileSync } from 'node:fs';
import { BUSY_COMMAND, runcAvailable, startRuncContainer, type RuncContainer } from './runc-container.js';

const argvOf = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'latin1');

describe(startRuncContainer, () => {
  let container: RuncContainer;

  beforeAll(async () => {
    expect(runcAvailable(), 'runc + busybox-static must be installed and tests run as root').toBe(true);
    container = await startRuncContainer({ command: BUSY_COMMAND, pidsLimit: 32, memoryLimit: 64 << 20 });
  });
  afterAll(async () => container?.delete());

  it('runs a real container whose init pid is alive and whose cgroup carries the limits', async () => {
    expect(argvOf(container.pid)).toBe(`${BUSY_COMMAND.join('\0')}\0`);
    const state = JSON.parse((await container.runc(['state', container.id])).stdout);
    expect(state.status).toBe('running');
    const events = JSON.parse((await container.runc(['events', '--stats', container.id])).stdout);
    expect(events.data.pids.limit).toBe(32);
    expect(events.data.memory.usage.limit).toBe(64 << 20);
  });

  // runc returns from `run --detach` once it has told `runc init` to go; the exec comes after. Busy
  // containers started four at a time make that window show (15 in 100 starts without the wait).
  it('returns only once the init process has exec’d the command, even when starts race for the CPUs', async () => {
    for (let round = 0; round < 5; round++) {
      const started = await Promise.all([1, 2, 3, 4].map(() => startRuncContainer({ command: BUSY_COMMAND })));
      try {
        for (const c of started) expect(argvOf(c.pid), c.id).toBe(`${BUSY_COMMAND.join('\0')}\0`);
      } finally {
        await Promise.all(started.map((c) => c.delete()));
      }
    }
  }, 120_000);

  it('returns for a command that ends at once, whose container then stops', async () => {
    const c = await startRuncContainer({ command: ['true'] });
    try {
      await c.kill();
      expect(JSON.parse((await c.runc(['state', c.id])).stdout).status).toBe('stopped');
    } finally {
      await c.delete();
    }
  });

  it('execs inside the container and reports stopped after kill', async () => {
    const out = await container.exec(['echo', 'inside']);
    expect(out.stdout.trim()).toBe('inside');
    await container.kill();
    const state = JSON.parse((await container.runc(['state', container.id])).stdout);
    expect(state.status).toBe('stopped');
  });
});
