import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { decodeEvent, encodeEvent, type ContainerRef, type OomSignal, type Stats } from '@katamon/core';
import { waitUntil } from '@katamon/core-testing';
import { BUSY_COMMAND, runcAvailable, startRuncContainer, type RuncContainer } from '@katamon/test-fixtures';
import { createCgroupV1Source } from './cgroup-v1-source.js';
import { v1HostAvailable } from './kernel-cgroup.spec-helper.js';

const usable = runcAvailable() && v1HostAvailable(['cpu', 'cpuacct', 'memory', 'pids']);
const MiB = 1024 * 1024;

/** A ContainerRef for a real runc container, from runc's own `state.json` (`cgroup_paths`). */
export function refFromRuncState(container: RuncContainer): ContainerRef {
  const state = JSON.parse(readFileSync(`${container.root}/${container.id}/state.json`, 'utf8')) as {
    cgroup_paths: Record<string, string>;
    init_process_pid: number;
  };
  return {
    id: container.id,
    runtime: 'runc',
    resolver: 'test',
    status: 'running',
    pid: state.init_process_pid,
    cgroup: { version: 1, paths: state.cgroup_paths },
  };
}

/** The key paths of a JSON value (arrays by index), which is what "same key structure" compares. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  if (entries.length === 0) return [`${prefix}{}`];
  return entries.flatMap(([k, v]) => keyPaths(v, `${prefix}/${k}`));
}

async function runcStats(c: RuncContainer): Promise<{ text: string; stats: Stats }> {
  const r = await c.runc(['events', '--stats', c.id]);
  expect(r.code).toBe(0);
  const text = r.stdout.trim();
  const event = decodeEvent(text, 'runc');
  if (event.type !== 'stats' || event.data === null) throw new Error(`unexpected runc output ${text}`);
  return { text, stats: event.data };
}

/** Every monotonic counter of the runc schema, by name. */
function counters(s: Stats): Map<string, bigint> {
  const m = new Map<string, bigint>();
  const u = s.cpu!.usage;
  m.set('cpu.total', u.total).set('cpu.user', u.user).set('cpu.kernel', u.kernel);
  u.percpu.forEach((v, i) => m.set(`cpu.percpu.${i}`, v));
  u.percpuUser.forEach((v, i) => m.set(`cpu.percpu_user.${i}`, v));
  u.percpuKernel.forEach((v, i) => m.set(`cpu.percpu_kernel.${i}`, v));
  const t = s.cpu!.throttling;
  m.set('throttling.periods', t.periods)
    .set('throttling.throttled', t.throttledPeriods)
    .set('throttling.time', t.throttledTime);
  const mem = s.memory!;
  for (const [name, e] of [
    ['usage', mem.usage],
    ['swap', mem.swap],
    ['kernel', mem.kernel],
    ['kernelTCP', mem.kernelTCP],
  ] as const) {
    m.set(`memory.${name}.max`, e.max).set(`memory.${name}.failcnt`, e.failcnt);
  }
  for (const key of ['pgfault', 'pgmajfault', 'pgpgin', 'pgpgout', 'total_pgfault', 'total_pgpgin', 'total_pgpgout']) {
    const v = mem.raw.get(key);
    if (v !== undefined) m.set(`memory.raw.${key}`, v);
  }
  return m;
}

describe('katamon vs runc events on a real runc container', () => {
  // Prerequisites are installed by .ci/run: a missing one fails loudly instead of skipping.
  beforeAll(() =>
    expect(!usable, 'missing prerequisite: run .ci/run (root, runc, busybox-static, Go, Chromium)').toBe(false),
  );
  let container: RuncContainer;
  const source = createCgroupV1Source();

  beforeAll(async () => {
    container = await startRuncContainer({
      command: BUSY_COMMAND,
      memoryLimit: 256 * MiB,
      cpuQuota: { quota: 20000, period: 100000 },
      pidsLimit: 64,
    });
    // Wait until a CFS period has been throttled, so every reading prints the throttling keys (omitempty
    // drops zeros); on a loaded machine this can take a while.
    await waitUntil(async () => (await runcStats(container)).stats.cpu!.throttling.throttledPeriods > 0n || undefined, {
      what: 'a throttled CFS period in runc events',
      intervalMs: 100,
      timeoutMs: 60_000,
    });
  });
  afterAll(async () => {
    await source.release?.();
    await container?.delete();
  });

  it('same key structure, equal static values, runc-before ≤ katamon ≤ runc-after for counters', async () => {
    const ref = refFromRuncState(container);
    expect(source.probe(ref)).toBe('handle');
    const before = await runcStats(container);
    const ours = await source.collect(ref);
    const after = await runcStats(container);
    expect(ours.issues).toBeUndefined();

    const text = encodeEvent({ type: 'stats', id: container.id, data: ours.stats }, 'runc');
    const ourKeys = keyPaths(JSON.parse(text));
    const structures = [keyPaths(JSON.parse(before.text)), keyPaths(JSON.parse(after.text))];
    // A counter that is 0 is omitted (omitempty), so the structure can only differ where a value moved.
    expect(structures.some((k) => JSON.stringify(k) === JSON.stringify(ourKeys))).toBe(true);

    const [b, o, a] = [before.stats, ours.stats, after.stats];
    expect(o.cpuset).toEqual(a.cpuset);
    expect(o.pids?.limit).toBe(64n);
    expect(o.pids?.limit).toBe(a.pids?.limit);
    expect(o.memory?.usage.limit).toBe(256n * BigInt(MiB));
    for (const e of ['usage', 'swap', 'kernel', 'kernelTCP'] as const)
      expect(o.memory?.[e].limit).toBe(a.memory?.[e].limit);
    for (const key of ['hierarchical_memory_limit', 'hierarchical_memsw_limit']) {
      expect(o.memory?.raw.get(key)).toBe(a.memory?.raw.get(key));
    }
    expect([...(o.memory?.raw.keys() ?? [])].sort()).toEqual([...(a.memory?.raw.keys() ?? [])].sort());
    expect(o.blkio).toEqual(a.blkio);
    expect(o.hugetlb).toEqual(a.hugetlb);

    const [cb, co, ca] = [counters(b), counters(o), counters(a)];
    expect(co.size).toBeGreaterThan(12);
    expect([...co.keys()]).toEqual([...ca.keys()]);
    for (const [name, v] of co) {
      expect
        .soft(cb.get(name)! <= v && v <= ca.get(name)!, `${name}: ${cb.get(name)} ≤ ${v} ≤ ${ca.get(name)}`)
        .toBe(true);
    }
    expect(co.get('throttling.throttled')).toBeGreaterThan(0n);
  });
});

describe('OOM in a real runc container', () => {
  // Prerequisites are installed by .ci/run: a missing one fails loudly instead of skipping.
  beforeAll(() =>
    expect(!usable, 'missing prerequisite: run .ci/run (root, runc, busybox-static, Go, Chromium)').toBe(false),
  );
  it('a 32 MiB container allocating 128 MiB yields oom, as runc events prints it; deletion yields gone', async () => {
    // The allocation starts when /go appears: only once both watchers are in place (runc init's own pages
    // take some 14 MiB where runc runs from an initramfs, hence 32 MiB).
    const container = await startRuncContainer({
      memoryLimit: 32 * MiB,
      command: [
        'sh',
        '-c',
        `while [ ! -e /go ]; do sleep 0.05; done; x=$(head -c ${128 * MiB} /dev/zero | tr "\\0" a); sleep 1000`,
      ],
    });
    const source = createCgroupV1Source({ oom: { pollMs: 20 } });
    const runcEvents = spawn('runc', ['--root', container.root, 'events', '--interval', '1s', container.id], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const runcLines: string[] = [];
    let runcStarted: () => void = () => undefined;
    const runcPrinted = new Promise<void>((resolve) => (runcStarted = resolve));
    const runcOom = new Promise<void>((resolve) => {
      createInterface({ input: runcEvents.stdout }).on('line', (line) => {
        runcLines.push(line);
        runcStarted();
        if (line.startsWith('{"type":"oom"')) resolve();
      });
    });
    const runcExit = new Promise<number | null>((resolve) => runcEvents.on('exit', (code) => resolve(code)));
    try {
      const ac = new AbortController();
      const signals: OomSignal[] = [];
      // katamon's watch reads its baseline when it is created; runc events registers its eventfd right after
      // starting the ticker whose first line comes an interval later.
      const iterator = source.watchOom!(refFromRuncState(container), ac.signal)[Symbol.asyncIterator]();
      await runcPrinted;
      writeFileSync(`${container.bundle}/rootfs/go`, '');
      const first = await iterator.next();
      signals.push(first.value as OomSignal);
      expect(signals).toEqual(['oom']);
      expect(encodeEvent({ type: 'oom', id: container.id }, 'runc')).toBe(`{"type":"oom","id":"${container.id}"}`);
      await runcOom;
      expect(runcLines).toContain(`{"type":"oom","id":"${container.id}"}`);

      await container.delete();
      for (let r = await iterator.next(); !r.done; r = await iterator.next()) signals.push(r.value);
      expect(signals).toEqual(['oom', 'gone']);
      // runc's stream ends when the cgroup goes away, with status 0.
      expect(await runcExit).toBe(0);
    } finally {
      runcEvents.kill();
      await container.delete();
    }
  }, 120_000);
});
