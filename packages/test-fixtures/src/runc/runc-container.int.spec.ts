import { readFileSync } from 'node:fs';
import { BUSY_COMMAND, runcAvailable, startRuncContainer, type RuncContainer } from './runc-container.js';

describe(startRuncContainer, () => {
  let container: RuncContainer;

  beforeAll(async () => {
    expect(runcAvailable(), 'runc + busybox-static must be installed and tests run as root').toBe(true);
    container = await startRuncContainer({ command: BUSY_COMMAND, pidsLimit: 32, memoryLimit: 64 << 20 });
  });
  afterAll(async () => container?.delete());

  it('runs a real container whose init pid is alive and whose cgroup carries the limits', async () => {
    expect(readFileSync(`/proc/${container.pid}/cmdline`, 'utf8')).toContain('sh');
    const state = JSON.parse((await container.runc(['state', container.id])).stdout);
    expect(state.status).toBe('running');
    const events = JSON.parse((await container.runc(['events', '--stats', container.id])).stdout);
    expect(events.data.pids.limit).toBe(32);
    expect(events.data.memory.usage.limit).toBe(64 << 20);
  });

  it('execs inside the container and reports stopped after kill', async () => {
    const out = await container.exec(['echo', 'inside']);
    expect(out.stdout.trim()).toBe('inside');
    await container.kill();
    const state = JSON.parse((await container.runc(['state', container.id])).stdout);
    expect(state.status).toBe('stopped');
  });
});
