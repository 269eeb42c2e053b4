import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { ContainerRef, InterfaceStats, NetworkStats } from '@katamon/core';
import { NetnsReader } from './netns-reader.js';
import { NetnsSource } from './netns-source.js';
import {
  createNetns,
  ipLinkStats,
  linkVeth,
  netnsAvailable,
  ssTcpStates,
  ssUdpCount,
  type TestNetns,
} from './netns.fixture.js';
import { socketScript } from './sockets.fixture.js';

const COUNTERS = [
  'rxBytes',
  'rxPackets',
  'rxErrors',
  'rxDropped',
  'txBytes',
  'txPackets',
  'txErrors',
  'txDropped',
] as const;
const refFor = (path: string): ContainerRef => ({
  id: 'sandbox',
  runtime: 'kata',
  resolver: 'test',
  status: 'running',
  sandbox: { id: 'sb', netnsPath: path },
});

async function network(source: NetnsSource, ref: ContainerRef): Promise<NetworkStats> {
  const result = await source.collect(ref);
  expect(result.issues ?? []).toEqual([]);
  return result.stats.network!;
}

/** before ≤ katamon ≤ after for every counter of every interface, and the same interfaces in ifindex order. */
function expectBetween(
  before: ReturnType<typeof ipLinkStats>,
  ours: InterfaceStats[],
  after: ReturnType<typeof ipLinkStats>,
) {
  expect(ours.map((i) => i.name)).toEqual(before.map((l) => l.stats.name));
  expect(ours.map((i) => i.name)).toEqual(after.map((l) => l.stats.name));
  ours.forEach((mine, i) => {
    for (const counter of COUNTERS) {
      const lo = before[i]!.stats[counter];
      const hi = after[i]!.stats[counter];
      expect({ name: mine.name, counter, ok: lo <= mine[counter] && mine[counter] <= hi }).toEqual({
        name: mine.name,
        counter,
        ok: true,
      });
    }
  });
}

describe('NetnsSource in real network namespaces', () => {
  // Prerequisites are installed by .ci/run: a missing one fails loudly instead of skipping.
  beforeAll(() =>
    expect(!netnsAvailable(), 'missing prerequisite: run .ci/run (root, runc, busybox-static, Go, Chromium)').toBe(
      false,
    ),
  );
  let a: TestNetns;
  let b: TestNetns;
  let link: Awaited<ReturnType<typeof linkVeth>>;
  const source = new NetnsSource();
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    a = await createNetns('a');
    b = await createNetns('b');
    link = await linkVeth(a, b, Math.floor(Math.random() * 250));
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await source.release();
    a?.delete();
    b?.delete();
  });

  it('reads every interface counter between two `ip -s link` snapshots while traffic flows', async () => {
    // Bounded traffic: 3000 datagrams of 512 bytes from b to a, paced over about a second.
    const sender = spawn('ip', [
      'netns',
      'exec',
      b.name,
      process.execPath,
      '-e',
      `
      const s = require('node:dgram').createSocket('udp4');
      let left = 3000;
      const tick = () => { for (let i = 0; i < 30 && left > 0; i++, left--) s.send(Buffer.alloc(512), 9, '${link.aAddr}'); left > 0 ? setTimeout(tick, 10) : setTimeout(() => s.close(), 50); };
      tick();`,
    ]);
    children.push(sender);
    const ref = refFor(a.path);
    let rounds = 0;
    const done = new Promise((resolve) => sender.once('exit', resolve));
    let finished = false;
    void done.then(() => (finished = true));
    while (!finished || rounds < 3) {
      const before = ipLinkStats(a);
      const ours = (await network(source, ref)).interfaces;
      const after = ipLinkStats(a);
      expectBetween(before, ours, after);
      rounds++;
      // Let the event loop see the sender's exit (collect itself needs no I/O callbacks once open).
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // No process lives in namespace a: it was entered once through the parked helper.
    expect(await source.openedVia(ref)).toBe('helper');
    const final = (await network(source, ref)).interfaces.find((i) => i.name === link.aIf)!;
    expect(final.rxPackets).toBeGreaterThanOrEqual(3000n);
    expect(final.rxBytes).toBeGreaterThanOrEqual(3000n * 512n);
    expect((await network(source, ref)).interfaces[0]?.name).toBe('lo');
  });

  it('counts TCP states and UDP sockets exactly as ss does', async () => {
    const holder = await a.spawn([process.execPath, '-e', socketScript({ est: 3, tw: 2, udp4: 4, udp6: 2 })]);
    children.push(holder);
    try {
      const ref = refFor(a.path);
      const ours = await network(source, ref);
      const [tcp4, tcp6, udp4, udp6] = await Promise.all([
        ssTcpStates(a, '-4'),
        ssTcpStates(a, '-6'),
        ssUdpCount(a, '-4'),
        ssUdpCount(a, '-6'),
      ]);
      expect({ ...ours.tcp }).toEqual(tcp4);
      expect({ ...ours.tcp6 }).toEqual(tcp6);
      expect(ours.udp.sockets).toBe(udp4);
      expect(ours.udp6.sockets).toBe(udp6);
      // What the script opened: 1 listener, 3 connections seen from both ends, 2 client-closed in TIME_WAIT.
      expect(ours.tcp).toMatchObject({ listen: 1n, established: 6n, timeWait: 2n });
      expect(ours.tcp6.listen).toBe(1n);
      expect(ours.udp.sockets).toBe(4n);
      expect(ours.udp6.sockets).toBe(2n);
    } finally {
      holder.stdin?.end();
    }
  });

  it('reads socket tables larger than its initial buffer (about 1,000 TCP sockets) exactly', async () => {
    const holder = await b.spawn([process.execPath, '-e', socketScript({ est: 500, tw: 0, udp4: 0, udp6: 0 })]);
    children.push(holder);
    try {
      const fresh = new NetnsSource();
      const ours = await network(fresh, refFor(b.path));
      expect({ ...ours.tcp }).toEqual(await ssTcpStates(b, '-4'));
      expect(ours.tcp.established).toBe(1000n);
      // Second sample through the same (now grown) buffer.
      expect((await network(fresh, refFor(b.path))).tcp.established).toBe(1000n);
      await fresh.release();
    } finally {
      holder.stdin?.end();
      await new Promise((resolve) => holder.once('exit', resolve));
    }
  });

  // read(2) calls made by this thread so far (each snapshot itself costs the same fixed number).
  const readCalls = () => Number(/^syscr: (\d+)$/m.exec(readFileSync('/proc/thread-self/io', 'latin1'))?.[1]);
  /** One sample of a fresh reader through `pid` after a first one (which also looks up ifindexes), and its read calls. */
  function secondRead(pid: number): { network: NetworkStats; reads: number } {
    const reader = new NetnsReader(pid);
    try {
      reader.read();
      const idle = -readCalls() + readCalls();
      const start = readCalls();
      const { network } = reader.read();
      return { network, reads: readCalls() - start - idle };
    } finally {
      reader.close();
    }
  }

  it('reads each table of a namespace with few sockets in one system call (each read walks the whole socket hash)', async () => {
    const holder = await a.spawn([process.execPath, '-e', socketScript({ est: 3, tw: 2, udp4: 4, udp6: 2 })]);
    children.push(holder);
    try {
      const { network, reads } = secondRead(holder.pid as number);
      // dev, sockstat, tcp, udp, tcp6 and udp6: one read each, none to confirm the end (with TIME_WAIT present,
      // both tables are read whatever sockstat6 says, so it is not read).
      expect(reads).toBe(6);
      expect({ ...network.tcp }).toEqual(await ssTcpStates(a, '-4'));
      expect({ ...network.tcp6 }).toEqual(await ssTcpStates(a, '-6'));
      expect(network.udp.sockets).toBe(4n);
      expect(network.udp6.sockets).toBe(2n);
    } finally {
      holder.stdin?.end();
    }
  });

  it('does not read the TCP tables of a namespace without TCP sockets, and reads them for TIME_WAIT alone', async () => {
    const c = await createNetns('c');
    const quiet = await c.spawn([
      process.execPath,
      '-e',
      socketScript({ est: 0, tw: 0, udp4: 1, udp6: 0, closeListeners: true }),
    ]);
    children.push(quiet);
    try {
      const { network, reads } = secondRead(quiet.pid as number);
      expect(reads).toBe(5); // dev, sockstat, sockstat6, udp, udp6
      expect({ ...network.tcp }).toEqual(await ssTcpStates(c, '-4'));
      expect({ ...network.tcp6 }).toEqual(await ssTcpStates(c, '-6'));
      expect(network.tcp.listen + network.tcp6.listen).toBe(0n);
      expect(network.udp.sockets).toBe(1n);
      // Closed listeners and client-closed connections: no socket in use, only TIME_WAIT.
      const waiting = await c.spawn([
        process.execPath,
        '-e',
        socketScript({ est: 0, tw: 3, udp4: 0, udp6: 0, closeListeners: true }),
      ]);
      children.push(waiting);
      const after = secondRead(quiet.pid as number);
      expect(after.reads).toBe(6); // dev, sockstat, tcp, udp, tcp6, udp6: with TIME_WAIT, sockstat6 is not needed
      expect({ ...after.network.tcp }).toEqual(await ssTcpStates(c, '-4'));
      expect(after.network.tcp.timeWait).toBe(3n);
      expect(after.network.tcp.listen).toBe(0n);
      waiting.stdin?.end();
    } finally {
      quiet.stdin?.end();
      c.delete();
    }
  });

  it('finds a process in the namespace by inode, and reads through the ref pid when it has one', async () => {
    const holder = await b.spawn([process.execPath, '-e', socketScript({ est: 0, tw: 0, udp4: 1, udp6: 0 })]);
    children.push(holder);
    try {
      const scanning = new NetnsSource();
      const byPath = refFor(b.path);
      expect((await network(scanning, byPath)).interfaces.map((i) => i.name)).toEqual(['lo', link.bIf]);
      expect(await scanning.openedVia(byPath)).toBe('scan');
      const pid = Number((await b.exec(['sh', '-c', 'ip netns pids ' + b.name])).trim().split('\n')[0]);
      const byPid: ContainerRef = { id: 'c', runtime: 'runc', resolver: 'test', status: 'running', pid };
      expect((await network(scanning, byPid)).udp.sockets).toBeGreaterThanOrEqual(1n);
      expect(await scanning.openedVia(byPid)).toBe('pid');
      await scanning.release();
    } finally {
      holder.stdin?.end();
    }
  });

  it('reports a deleted namespace as gone, typed', async () => {
    const c = await createNetns('c');
    const ref = refFor(c.path);
    await network(source, ref);
    c.delete();
    await expect(source.collect(ref)).rejects.toMatchObject({ kind: 'gone' });
  });
});
