import { closeSync, openSync, readFileSync, constants } from 'node:fs';
import {
  KatamonError,
  type InterfaceStats,
  type NetworkStats,
  type SampleIssue,
  type TcpStats,
  type UdpStats,
} from '@katamon/core';
import { countTcpStates, emptyTcpStats } from './count-tcp-states.js';
import { orderByIfindex, parseSnmp6Ifindex } from './order-by-ifindex.js';
import { parseNetDev } from './parse-net-dev.js';
import { PinnedFile, ReadBuffer } from './pinned-file.js';
import { emptyUdpStats, sumUdpSockets } from './sum-udp-sockets.js';
import { tcpTableMayHaveLines } from './tcp-in-use.js';

const isMissing = (e: unknown): boolean => (e as { code?: string } | null)?.code === 'ENOENT';

function openOptional(path: string): PinnedFile | undefined {
  try {
    return new PinnedFile(path);
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

export interface NetnsRead {
  network: NetworkStats;
  issues: SampleIssue[];
}

/**
 * Every network file of one namespace, opened through a process that was in it at open time. tcp6/udp6 and
 * dev_snmp6 are absent when the kernel has IPv6 disabled; that is reported as an issue, never guessed.
 */
export class NetnsReader {
  private readonly dev: PinnedFile;
  private readonly tcp: PinnedFile;
  private readonly udp: PinnedFile;
  private readonly tcp6: PinnedFile | undefined;
  private readonly udp6: PinnedFile | undefined;
  /** Socket counts: a table they show empty is not read (see tcpTableMayHaveLines). */
  private readonly sockstat: PinnedFile | undefined;
  private readonly sockstat6: PinnedFile | undefined;
  /** Directory descriptor of dev_snmp6: per-interface files are opened through /proc/self/fd/<n>. */
  private snmp6Dir: number | undefined;
  private readonly buffer = new ReadBuffer();
  private orderKey = '';
  private ifindexes = new Map<string, number | undefined>();

  /** Opens `/proc/<pid>/net/*`; the caller has checked that `pid` is in the wanted namespace. */
  constructor(pid: number, procRoot = '/proc') {
    const base = `${procRoot}/${pid}/net`;
    const opened: PinnedFile[] = [];
    try {
      for (const name of ['dev', 'tcp', 'udp'] as const) opened.push(new PinnedFile(`${base}/${name}`));
      [this.dev, this.tcp, this.udp] = opened as [PinnedFile, PinnedFile, PinnedFile];
      const optional = (name: string) => {
        const file = openOptional(`${base}/${name}`);
        if (file) opened.push(file);
        return file;
      };
      this.tcp6 = optional('tcp6');
      this.udp6 = optional('udp6');
      this.sockstat = optional('sockstat');
      this.sockstat6 = optional('sockstat6');
      try {
        this.snmp6Dir = openSync(`${base}/dev_snmp6`, constants.O_RDONLY | constants.O_DIRECTORY);
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    } catch (error) {
      for (const file of opened) file.close();
      throw error;
    }
  }

  read(): NetnsRead {
    const issues: SampleIssue[] = [];
    const buf = this.buffer;
    // Each read may grow (replace) the buffer: take `buf.bytes` only after the read it belongs to.
    const devLength = this.dev.read(buf);
    const interfaces = this.ordered(parseNetDev(buf.bytes.toString('latin1', 0, devLength), this.dev.path));
    const stat = this.sockstat ? this.text(this.sockstat) : undefined;
    const stat6 = () => (this.sockstat6 ? this.text(this.sockstat6) : undefined);
    const tcp = stat === undefined || tcpTableMayHaveLines(stat, 'TCP') ? this.tcpStates(this.tcp) : emptyTcpStats();
    const tcp6 =
      this.tcp6 && (stat === undefined || tcpTableMayHaveLines(stat, 'TCP6', stat6))
        ? this.tcpStates(this.tcp6)
        : emptyTcpStats();
    const udp = this.udpSums(this.udp);
    const udp6 = this.udp6 ? this.udpSums(this.udp6) : emptyUdpStats();
    if (!this.tcp6 || !this.udp6) {
      issues.push({
        source: 'netns',
        kind: 'unsupported',
        message: 'IPv6 is disabled: no tcp6/udp6 socket tables',
        path: this.dev.path.replace(/dev$/, 'tcp6'),
      });
    }
    return { network: { interfaces, tcp, tcp6, udp, udp6, origin: 'netns' }, issues };
  }

  private tcpStates(file: PinnedFile): TcpStats {
    const length = file.read(this.buffer);
    return countTcpStates(this.buffer.bytes, length, file.path);
  }

  private text(file: PinnedFile): string {
    const length = file.read(this.buffer);
    return this.buffer.bytes.toString('latin1', 0, length);
  }

  private udpSums(file: PinnedFile): UdpStats {
    const length = file.read(this.buffer);
    return sumUdpSockets(this.buffer.bytes, length);
  }

  /**
   * Closes every descriptor once: a second close (two refs of one namespace released together) must not
   * close a number the process has since given to another file.
   */
  close(): void {
    for (const file of [this.dev, this.tcp, this.udp, this.tcp6, this.udp6, this.sockstat, this.sockstat6])
      file?.close();
    const dir = this.snmp6Dir;
    this.snmp6Dir = undefined;
    if (dir !== undefined) closeSync(dir);
  }

  /** ifindex lookups happen only when the kernel's list of names changes (an interface came or went). */
  private ordered(interfaces: InterfaceStats[]): InterfaceStats[] {
    const key = interfaces.map((i) => i.name).join('\n');
    if (key !== this.orderKey) {
      this.ifindexes = new Map(interfaces.map((i) => [i.name, this.lookupIfindex(i.name)]));
      this.orderKey = key;
    }
    return orderByIfindex(interfaces, (name) => this.ifindexes.get(name));
  }

  private lookupIfindex(name: string): number | undefined {
    // Names come from the kernel, but are still checked before they become a path component.
    if (this.snmp6Dir === undefined || name.includes('/') || name === '.' || name === '..') return undefined;
    try {
      return parseSnmp6Ifindex(readFileSync(`/proc/self/fd/${this.snmp6Dir}/${name}`, 'latin1'));
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw new KatamonError('io', `cannot read ifindex of ${name}: ${(error as Error).message}`, { cause: error });
    }
  }
}
