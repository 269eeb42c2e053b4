import { join } from 'node:path';
import type { InterfaceStats } from '@katamon/core';
import { writeTree } from './write-tree.js';

/** The `/proc/<pid>/net` files a network source reads, by file name. */
export interface ProcNetFiles {
  dev?: string;
  tcp?: string;
  tcp6?: string;
  udp?: string;
  udp6?: string;
  [file: string]: string | undefined;
}

/** Writes `procRoot/<pid>/net/*`; returns the process directory (`procRoot/<pid>`). */
export async function writeProcNetTree(procRoot: string, pid: number, files: ProcNetFiles): Promise<string> {
  const spec: Record<string, string> = {};
  for (const [name, content] of Object.entries(files)) if (content !== undefined) spec[name] = content;
  const dir = join(procRoot, String(pid));
  await writeTree(join(dir, 'net'), spec);
  return dir;
}

const devHeader =
  'Inter-|   Receive                                                |  Transmit\n' +
  ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n';

/** `/proc/net/dev` as the kernel prints it (net/core/net-procfs.c), fifo/frame/… columns zero. */
export function renderNetDev(interfaces: readonly InterfaceStats[]): string {
  const rows = interfaces.map((i) => {
    const cols: [bigint, number][] = [
      [i.rxBytes, 7],
      [i.rxPackets, 7],
      [i.rxErrors, 4],
      [i.rxDropped, 4],
      [0n, 4],
      [0n, 5],
      [0n, 10],
      [0n, 9],
      [i.txBytes, 8],
      [i.txPackets, 7],
      [i.txErrors, 4],
      [i.txDropped, 4],
      [0n, 4],
      [0n, 5],
      [0n, 7],
      [0n, 10],
    ];
    return `${i.name.padStart(6)}: ${cols.map(([v, w]) => String(v).padStart(w)).join(' ')}\n`;
  });
  return devHeader + rows.join('');
}

/** One socket line of `/proc/net/{tcp,tcp6,udp,udp6}`. */
export interface SocketLine {
  /** Kernel state number (1 ESTABLISHED … 10 LISTEN, 11 CLOSING; 7 for unconnected UDP). */
  state: number;
  txQueue?: number;
  rxQueue?: number;
  /** UDP only: the `drops` column. */
  drops?: number;
  localPort?: number;
}

const hex = (value: number, width: number) => value.toString(16).toUpperCase().padStart(width, '0');

/** A socket table as the kernel prints it (net/ipv4/tcp_ipv4.c, udp.c and their v6 twins). */
export function renderSocketTable(family: 'tcp' | 'tcp6' | 'udp' | 'udp6', sockets: readonly SocketLine[]): string {
  const v6 = family.endsWith('6');
  const udp = family.startsWith('udp');
  const address = (port: number) => `${v6 ? '0'.repeat(24) + '0100007F' : '0100007F'}:${hex(port, 4)}`;
  const header = v6
    ? '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode'
    : '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
  const lines = sockets.map((s, i) => {
    const queues = `${hex(s.txQueue ?? 0, 8)}:${hex(s.rxQueue ?? 0, 8)}`;
    const tail = udp ? ` 2 0000000000000000 ${s.drops ?? 0}` : ' 1 0000000000000000 100 0 0 10 0';
    return `${String(i).padStart(4)}: ${address(s.localPort ?? 8000 + i)} ${address(0)} ${hex(s.state, 2)} ${queues} 00:00000000 00000000     0        0 ${10000 + i}${tail}`;
  });
  return `${header}${udp ? ' ref pointer drops' : ''}\n${lines.map((l) => `${l}\n`).join('')}`;
}
