import { fc, test } from '@fast-check/vitest';
import { KatamonError } from '@katamon/core';
import { countTcpStates } from './count-tcp-states.js';
import { orderByIfindex, parseSnmp6Ifindex } from './order-by-ifindex.js';
import { parseNetDev } from './parse-net-dev.js';
import { sumUdpSockets } from './sum-udp-sockets.js';

const bytes = (text: string) => Buffer.from(text, 'latin1');

// Captured from a 6.18 kernel (column padding as the kernel prints it).
const TCP_HEADER =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode                                                     \n';
const tcpLine = (sl: number, st: string) =>
  `${String(sl).padStart(4)}: 00000000:07E8 00000000:0000 ${st} 00000000:00000000 00:00000000 00000000     0        0 1588 1 000000003f6bd4e1 100 0 0 10 0                      \n`;
const UDP_HEADER =
  '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops            \n';
const udpLine = (sl: number, tx: number, rx: number, drops: number) =>
  `${String(sl).padStart(5)}: 0100007F:0035 00000000:0000 07 ${tx.toString(16).toUpperCase().padStart(8, '0')}:${rx
    .toString(16)
    .toUpperCase()
    .padStart(8, '0')} 00:00000000 00000000     0        0 20311 2 00000000a5b9b0c4 ${drops}\n`;

describe('countTcpStates', () => {
  const codes = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '0A', '0B'];
  const keys = [
    'established',
    'synSent',
    'synRecv',
    'finWait1',
    'finWait2',
    'timeWait',
    'close',
    'closeWait',
    'lastAck',
    'listen',
    'closing',
  ];

  test.prop([fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 300 })])('counts every state line', (states) => {
    const text = TCP_HEADER + states.map((s, i) => tcpLine(i, codes[s]!)).join('');
    const b = bytes(text);
    const counts = countTcpStates(b, b.length, '/proc/net/tcp');
    keys.forEach((key, i) =>
      expect(counts[key as keyof typeof counts]).toBe(BigInt(states.filter((s) => s === i).length)),
    );
  });

  it('reads only the given length of a larger buffer, and an empty file as zeros', () => {
    const b = bytes(TCP_HEADER + tcpLine(0, '0A') + tcpLine(1, '01'));
    expect(countTcpStates(b, TCP_HEADER.length + tcpLine(0, '0A').length, 'f').listen).toBe(1n);
    expect(countTcpStates(b, TCP_HEADER.length + tcpLine(0, '0A').length, 'f').established).toBe(0n);
    expect(countTcpStates(bytes(''), 0, 'f').listen).toBe(0n);
  });

  it.each(['0C', '00', '0a', 'ZZ', '010'])('fails the read on state %s, naming the file', (st) => {
    const b = bytes(TCP_HEADER + tcpLine(0, st));
    const error = (() => {
      try {
        return countTcpStates(b, b.length, '/proc/7/net/tcp');
      } catch (e) {
        return e;
      }
    })();
    expect(KatamonError.isKind(error, 'parse')).toBe(true);
    expect((error as Error).message).toMatch(/^invalid TCP state line in \/proc\/7\/net\/tcp: /);
  });
});

describe('sumUdpSockets', () => {
  test.prop([fc.array(fc.tuple(fc.nat(0xffffffff), fc.nat(0xffffffff), fc.nat(1e6)), { maxLength: 200 })])(
    'sums with the kernel meaning',
    (rows) => {
      const b = bytes(UDP_HEADER + rows.map(([tx, rx, d], i) => udpLine(i, tx, rx, d)).join(''));
      expect(sumUdpSockets(b, b.length)).toEqual({
        sockets: BigInt(rows.length),
        txQueue: rows.reduce((a, [tx]) => a + BigInt(tx), 0n),
        rxQueue: rows.reduce((a, [, rx]) => a + BigInt(rx), 0n),
        drops: rows.reduce((a, [, , d]) => a + BigInt(d), 0n),
      });
    },
  );

  it('counts malformed lines as sockets but leaves them out of the sums (openEuler)', () => {
    const b = bytes(
      UDP_HEADER + udpLine(0, 16, 32, 3) + '    1: short line\n' + udpLine(2, 1, 2, 4).replace(/ 4\n$/, ' 4 extra\n'),
    );
    expect(sumUdpSockets(b, b.length)).toEqual({ sockets: 3n, txQueue: 16n, rxQueue: 32n, drops: 3n });
  });
});

describe('parseNetDev', () => {
  const text =
    'Inter-|   Receive                                                |  Transmit\n' +
    ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n' +
    '    lo:    3193      29    0    0    0     0          0         0     3193      29    0    0    0     0       0          0\n' +
    'abcdefghijklmno:18446744073709551615 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n';

  it('maps the eight counters and keeps 64-bit values exact', () => {
    expect(parseNetDev(text, 'dev')).toEqual([
      {
        name: 'lo',
        rxBytes: 3193n,
        rxPackets: 29n,
        rxErrors: 0n,
        rxDropped: 0n,
        txBytes: 3193n,
        txPackets: 29n,
        txErrors: 0n,
        txDropped: 0n,
      },
      {
        name: 'abcdefghijklmno',
        rxBytes: 18446744073709551615n,
        rxPackets: 2n,
        rxErrors: 3n,
        rxDropped: 4n,
        txBytes: 9n,
        txPackets: 10n,
        txErrors: 11n,
        txDropped: 12n,
      },
    ]);
  });

  it('rejects a malformed line naming the file', () => {
    expect(() => parseNetDev(`h\nh\n  eth0: 1 2 3\n`, '/proc/9/net/dev')).toThrow(
      /malformed line in \/proc\/9\/net\/dev/,
    );
  });
});

describe('orderByIfindex', () => {
  const items = (...names: string[]) => names.map((name) => ({ name }));
  const index = (map: Record<string, number>) => (name: string) => map[name];

  it('sorts a hash-ordered listing (older kernels) by ifindex', () => {
    const got = orderByIfindex(
      items('lo', 'v4', 'v260', 'v5', 'v300'),
      index({ lo: 1, v4: 4, v260: 260, v5: 5, v300: 300 }),
    );
    expect(got.map((i) => i.name)).toEqual(['lo', 'v4', 'v5', 'v260', 'v300']);
  });

  it('keeps kernel order when known indexes ascend, and places unknowns after their predecessor otherwise', () => {
    expect(orderByIfindex(items('lo', 'small', 'v5'), index({ lo: 1, v5: 5 })).map((i) => i.name)).toEqual([
      'lo',
      'small',
      'v5',
    ]);
    const got = orderByIfindex(items('lo', 'v260', 'small', 'v5'), index({ lo: 1, v260: 260, v5: 5 }));
    expect(got.map((i) => i.name)).toEqual(['lo', 'v5', 'v260', 'small']);
  });

  it('reads the ifIndex line of dev_snmp6', () => {
    expect(parseSnmp6Ifindex('ifIndex                         \t300\nIp6InReceives \t0\n')).toBe(300);
    expect(parseSnmp6Ifindex('garbage')).toBeUndefined();
  });
});
