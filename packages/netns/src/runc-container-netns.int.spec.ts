import { execFileSync, spawnSync } from 'node:child_process';
import type { ContainerRef } from '@katamon/core';
import { runcAvailable, startRuncContainer, type RuncContainer } from '@katamon/test-fixtures';
import { NetnsSource } from './netns-source.js';
import { ipLinkStats } from './netns.fixture.js';

describe('NetnsSource on a real runc container', () => {
  // Prerequisites are installed by .ci/run: a missing one fails loudly instead of skipping.
  beforeAll(() =>
    expect(!runcAvailable(), 'missing prerequisite: run .ci/run (root, runc, busybox-static, Go, Chromium)').toBe(
      false,
    ),
  );
  let container: RuncContainer;
  const tag = Math.random().toString(36).slice(2, 7);
  const inside = `kci${tag}`;
  const outside = `kco${tag}`;
  const source = new NetnsSource();

  beforeAll(async () => {
    container = await startRuncContainer();
    execFileSync('ip', ['link', 'add', outside, 'type', 'veth', 'peer', 'name', inside]);
    // Move one end into the container's namespace, as a CNI plugin would.
    execFileSync('ip', ['link', 'set', inside, 'netns', String(container.pid)]);
  });
  afterAll(async () => {
    await source.release();
    spawnSync('ip', ['link', 'delete', outside], { stdio: 'ignore' });
    await container?.delete();
  });

  const refOf = (c: RuncContainer): ContainerRef => ({
    id: c.id,
    runtime: 'runc',
    resolver: 'runc',
    status: 'running',
    pid: c.pid,
    netnsPath: `/proc/${c.pid}/ns/net`,
  });

  it('shows lo and the veth moved into the container, in ifindex order, with ip-link counters', async () => {
    const ref = refOf(container);
    expect(source.probe(ref)).toBe('handle');
    const before = ipLinkStats({ pid: container.pid });
    const { stats } = await source.collect(ref);
    const after = ipLinkStats({ pid: container.pid });
    expect(stats.network?.origin).toBe('netns');
    expect(stats.network?.interfaces.map((i) => i.name)).toEqual(before.map((l) => l.stats.name));
    expect(stats.network?.interfaces.map((i) => i.name)).toEqual(['lo', inside]);
    stats.network?.interfaces.forEach((mine, i) => {
      expect(mine.rxPackets).toBeGreaterThanOrEqual(before[i]!.stats.rxPackets);
      expect(mine.rxPackets).toBeLessThanOrEqual(after[i]!.stats.rxPackets);
    });
    // runc's own network_interfaces stays unset (printed as null): runc created no veth network here.
    expect(stats.runcInterfaces).toBeUndefined();
    expect(await source.openedVia(ref)).toBe('pid');
  });

  it('ends with a typed `gone` once the container has exited', async () => {
    const ref = refOf(container);
    await source.collect(ref);
    await container.kill();
    await expect(source.collect(ref)).rejects.toMatchObject({ kind: 'gone' });
  });
});
