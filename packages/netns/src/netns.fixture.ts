import { execFile, execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import type { InterfaceStats } from '@katamon/core';

const run = promisify(execFile);

/** True when we may create network namespaces (root with iproute2 and nsenter). */
export function netnsAvailable(): boolean {
  return process.getuid?.() === 0 && spawnSync('ip', ['netns', 'list'], { stdio: 'ignore' }).status === 0;
}

export const uniqueName = (tag: string) => `katamon-t-${tag}-${Math.random().toString(36).slice(2, 8)}`;

export interface TestNetns {
  name: string;
  path: string;
  ip(args: readonly string[]): Promise<string>;
  exec(args: readonly string[]): Promise<string>;
  /** Start a long-lived command inside (e.g. `node script`); resolves once it printed `ready`. */
  spawn(args: readonly string[]): Promise<ChildProcess>;
  delete(): void;
}

export async function createNetns(tag: string): Promise<TestNetns> {
  const name = uniqueName(tag);
  await run('ip', ['netns', 'add', name]);
  await run('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
  return {
    name,
    path: `/run/netns/${name}`,
    ip: async (args) => (await run('ip', ['-n', name, ...args])).stdout,
    exec: async (args) => (await run('ip', ['netns', 'exec', name, ...args], { maxBuffer: 64 << 20 })).stdout,
    spawn: (args) =>
      new Promise((resolve, reject) => {
        const child = spawn('ip', ['netns', 'exec', name, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          out += chunk;
          if (out.includes('ready')) resolve(child);
        });
        child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code} before ready: ${out}`)));
      }),
    delete: () => void spawnSync('ip', ['netns', 'delete', name], { stdio: 'ignore' }),
  };
}

/** Connects namespaces a and b with a veth pair and gives them 198.18.0.0/15 (benchmarking range) addresses. */
export async function linkVeth(
  a: TestNetns,
  b: TestNetns,
  subnet: number,
): Promise<{ aIf: string; bIf: string; aAddr: string; bAddr: string }> {
  const tag = Math.random().toString(36).slice(2, 7);
  const aIf = `kva${tag}`;
  const bIf = `kvb${tag}`;
  await a.ip(['link', 'add', aIf, 'type', 'veth', 'peer', 'name', bIf, 'netns', b.name]);
  const aAddr = `198.18.${subnet}.1`;
  const bAddr = `198.18.${subnet}.2`;
  await a.ip(['addr', 'add', `${aAddr}/30`, 'dev', aIf]);
  await b.ip(['addr', 'add', `${bAddr}/30`, 'dev', bIf]);
  await a.ip(['link', 'set', aIf, 'up']);
  await b.ip(['link', 'set', bIf, 'up']);
  return { aIf, bIf, aAddr, bAddr };
}

interface IpLinkJson {
  ifindex: number;
  ifname: string;
  stats64: {
    rx: { bytes: number; packets: number; errors: number; dropped: number; missed_errors?: number };
    tx: { bytes: number; packets: number; errors: number; dropped: number };
  };
}

/** `ip -s -s -j link` in a namespace, as katamon's counters: rx drop includes missed, as /proc/net/dev does. */
export function ipLinkStats(ns: { name: string } | { pid: number }): { ifindex: number; stats: InterfaceStats }[] {
  const out =
    'name' in ns
      ? execFileSync('ip', ['-n', ns.name, '-s', '-s', '-j', 'link'], { encoding: 'utf8' })
      : execFileSync('nsenter', [`--net=/proc/${ns.pid}/ns/net`, 'ip', '-s', '-s', '-j', 'link'], { encoding: 'utf8' });
  return (JSON.parse(out) as IpLinkJson[]).map((l) => ({
    ifindex: l.ifindex,
    stats: {
      name: l.ifname,
      rxBytes: BigInt(l.stats64.rx.bytes),
      rxPackets: BigInt(l.stats64.rx.packets),
      rxErrors: BigInt(l.stats64.rx.errors),
      rxDropped: BigInt(l.stats64.rx.dropped + (l.stats64.rx.missed_errors ?? 0)),
      txBytes: BigInt(l.stats64.tx.bytes),
      txPackets: BigInt(l.stats64.tx.packets),
      txErrors: BigInt(l.stats64.tx.errors),
      txDropped: BigInt(l.stats64.tx.dropped),
    },
  }));
}

/** Socket state counts as `ss` reports them inside a namespace, keyed by katamon's TcpStats names. */
export async function ssTcpStates(ns: TestNetns, family: '-4' | '-6'): Promise<Record<string, bigint>> {
  const names: Record<string, string> = {
    ESTAB: 'established',
    'SYN-SENT': 'synSent',
    'SYN-RECV': 'synRecv',
    'FIN-WAIT-1': 'finWait1',
    'FIN-WAIT-2': 'finWait2',
    'TIME-WAIT': 'timeWait',
    UNCONN: 'close',
    'CLOSE-WAIT': 'closeWait',
    'LAST-ACK': 'lastAck',
    LISTEN: 'listen',
    CLOSING: 'closing',
  };
  const counts: Record<string, bigint> = Object.fromEntries(Object.values(names).map((k) => [k, 0n]));
  const lines = (await ns.exec(['ss', '-tanH', family])).split('\n').filter((l) => l.trim() !== '');
  for (const line of lines) {
    const key = names[line.trim().split(/\s+/)[0] ?? ''];
    if (key === undefined) throw new Error(`unknown ss state in: ${line}`);
    counts[key] = (counts[key] ?? 0n) + 1n;
  }
  return counts;
}

/** Number of UDP sockets `ss -uan` lists in a namespace. */
export async function ssUdpCount(ns: TestNetns, family: '-4' | '-6'): Promise<bigint> {
  return BigInt((await ns.exec(['ss', '-uanH', family])).split('\n').filter((l) => l.trim() !== '').length);
}
