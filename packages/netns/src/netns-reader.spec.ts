import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NetnsReader } from './netns-reader.js';

// Edge cases on a fake /proc tree (the real paths are covered by the *.int.spec.ts files).
const DEV_HEADER =
  'Inter-|   Receive                                                |  Transmit\n' +
  ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n';
const devLine = (name: string, n: number) =>
  `${name.padStart(6)}: ${Array.from({ length: 16 }, (_, i) => n * 100 + i).join(' ')}\n`;
const TCP = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
const UDP =
  '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n';

describe('NetnsReader edge cases', () => {
  let proc: string;
  let net: string;
  beforeEach(async () => {
    proc = await mkdtemp(join(tmpdir(), 'katamon-proc-'));
    net = join(proc, '42', 'net');
    await mkdir(net, { recursive: true });
    await writeFile(join(net, 'tcp'), TCP);
    await writeFile(join(net, 'udp'), UDP);
  });
  afterEach(() => rm(proc, { recursive: true, force: true }));

  it('closes each descriptor once, however often it is closed', async () => {
    await writeFile(join(net, 'dev'), DEV_HEADER + devLine('lo', 1));
    await mkdir(join(net, 'dev_snmp6'));
    const reader = new NetnsReader(42, proc);
    reader.close();
    expect(() => reader.close()).not.toThrow();
  });

  it('reports missing tcp6/udp6 (IPv6 disabled) as an issue and zeros, not a failure', async () => {
    await writeFile(join(net, 'dev'), DEV_HEADER + devLine('lo', 1));
    const reader = new NetnsReader(42, proc);
    const { network, issues } = reader.read();
    reader.close();
    expect(network.interfaces.map((i) => [i.name, i.rxBytes, i.txDropped])).toEqual([['lo', 100n, 111n]]);
    expect(network.tcp6.listen).toBe(0n);
    expect(network.udp6.sockets).toBe(0n);
    expect(issues).toEqual([expect.objectContaining({ source: 'netns', kind: 'unsupported' })]);
  });

  it('orders by the dev_snmp6 ifIndex and looks indexes up again only when the names change', async () => {
    await writeFile(join(net, 'tcp6'), TCP);
    await writeFile(join(net, 'udp6'), UDP);
    await mkdir(join(net, 'dev_snmp6'));
    const index = async (name: string, i: number) =>
      writeFile(join(net, 'dev_snmp6', name), `ifIndex                         \t${i}\nIp6InReceives \t0\n`);
    await index('lo', 1);
    await index('v260', 260);
    await index('v5', 5);
    await writeFile(join(net, 'dev'), DEV_HEADER + devLine('lo', 1) + devLine('v260', 2) + devLine('v5', 3));
    const reader = new NetnsReader(42, proc);
    expect(reader.read().network.interfaces.map((i) => i.name)).toEqual(['lo', 'v5', 'v260']);
    // Same names: the cached indexes are kept (a changed file is not re-read).
    await index('v5', 999);
    expect(reader.read().network.interfaces.map((i) => i.name)).toEqual(['lo', 'v5', 'v260']);
    // A new interface changes the name list: every index is looked up again.
    await index('v7', 7);
    await writeFile(
      join(net, 'dev'),
      DEV_HEADER + devLine('lo', 1) + devLine('v260', 2) + devLine('v5', 3) + devLine('v7', 4),
    );
    expect(reader.read().network.interfaces.map((i) => i.name)).toEqual(['lo', 'v7', 'v260', 'v5']);
    reader.close();
  });

  it('reads a TCP table only when sockstat says it can have lines, and whenever sockstat is unreadable', async () => {
    await writeFile(join(net, 'dev'), DEV_HEADER + devLine('lo', 1));
    // Tables with a listener each, so a skipped read shows as zero listeners.
    const listener =
      '   0: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1588 1 0 100 0 0 10 0\n';
    await writeFile(join(net, 'tcp'), TCP + listener);
    await writeFile(join(net, 'tcp6'), TCP + listener);
    await writeFile(join(net, 'udp6'), UDP);
    const listens = async (v4: string | undefined, v6: string | undefined) => {
      for (const [name, text] of [
        ['sockstat', v4],
        ['sockstat6', v6],
      ] as const) {
        if (text === undefined) await rm(join(net, name), { force: true });
        else await writeFile(join(net, name), text);
      }
      const reader = new NetnsReader(42, proc);
      const { network } = reader.read();
      reader.close();
      return [network.tcp.listen, network.tcp6.listen];
    };
    const stat = (inuse: number, tw: number) =>
      `sockets: used 1\nTCP: inuse ${inuse} orphan 0 tw ${tw} alloc 1 mem 0\nUDP: inuse 0 mem 0\n`;
    const stat6 = (inuse: number) => `TCP6: inuse ${inuse}\nUDP6: inuse 0\n`;
    expect(await listens(stat(0, 0), stat6(0))).toEqual([0n, 0n]);
    expect(await listens(stat(1, 0), stat6(0))).toEqual([1n, 0n]);
    expect(await listens(stat(0, 0), stat6(1))).toEqual([0n, 1n]);
    expect(await listens(stat(0, 2), stat6(0))).toEqual([1n, 1n]); // TIME_WAIT is counted for both families
    expect(await listens(stat(0, 0), undefined)).toEqual([0n, 1n]);
    expect(await listens(undefined, undefined)).toEqual([1n, 1n]);
    expect(await listens('TCP: inuse ? orphan 0 tw 0\n', stat6(0))).toEqual([1n, 0n]);
  });
});
