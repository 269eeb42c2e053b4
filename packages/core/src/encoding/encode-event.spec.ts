import type { Stats } from '../model/stats.js';
import { encodeEvent } from './encode-event.js';
import { zeroTcp, zeroUdp } from './zero-stats.js';

const EMPTY_KATA =
  '{"cpu":{"usage":{"kernel":0,"user":0},"throttling":{}},"memory":{"usage":{"limit":0,"failcnt":0},' +
  '"swap":{"limit":0,"failcnt":0},"kernel":{"limit":0,"failcnt":0},"kernelTCP":{"limit":0,"failcnt":0}},' +
  '"pids":{},"blkio":{},"hugetlb":{},"intel_rdt":{}';

describe('encodeEvent', () => {
  it('prints oom as exactly type and id in every schema', () => {
    for (const schema of ['kata', 'runc', 'full'] as const) {
      expect(encodeEvent({ type: 'oom', id: 'oomtest' }, schema)).toBe('{"type":"oom","id":"oomtest"}');
    }
  });

  it('prints a nil data as null', () => {
    expect(encodeEvent({ type: 'stats', id: 'a', data: null }, 'kata')).toBe('{"type":"stats","id":"a","data":null}');
    expect(encodeEvent({ type: 'stats', id: 'a', data: null }, 'full')).toBe(
      '{"type":"stats","id":"a","schema_version":1,"data":null}',
    );
  });

  it('kata: absent sections print their zero values, absent network prints interfaces null and {}', () => {
    expect(encodeEvent({ type: 'stats', id: 'a', data: {} }, 'kata')).toBe(
      `{"type":"stats","id":"a","data":${EMPTY_KATA},"interfaces":null,"tcp":{},"tcp6":{},"udp":{},"udp6":{}}}`,
    );
  });

  it("kata: UDP uses openEuler's swapped names", () => {
    const data: Stats = {
      network: {
        interfaces: [],
        tcp: { ...zeroTcp(), listen: 2n },
        tcp6: zeroTcp(),
        udp: { sockets: 3n, drops: 4n, txQueue: 5n, rxQueue: 6n },
        udp6: zeroUdp(),
        origin: 'netns',
      },
    };
    expect(encodeEvent({ type: 'stats', id: 'a', data }, 'kata')).toBe(
      `{"type":"stats","id":"a","data":${EMPTY_KATA},"interfaces":[],"tcp":{"listen":2},"tcp6":{},` +
        '"udp":{"listen":3,"dropped":4,"rx_queued":5,"tx_queued":6},"udp6":{}}}',
    );
    expect(encodeEvent({ type: 'stats', id: 'a', data }, 'full')).toContain(
      '"udp":{"sockets":3,"drops":4,"tx_queue":5,"rx_queue":6}',
    );
  });

  it('runc: cpuset always, PSI where collected, network_interfaces with Go field names', () => {
    const psi = {
      some: { avg10: 1.5, avg60: 0, avg300: 1e-7, total: 10n },
      full: { avg10: 0, avg60: 0, avg300: 0, total: 0n },
    };
    const data: Stats = {
      cpu: {
        usage: { total: 0n, percpu: [], percpuKernel: [], percpuUser: [], kernel: 0n, user: 0n },
        throttling: { periods: 0n, throttledPeriods: 0n, throttledTime: 0n },
        psi,
      },
      runcInterfaces: [
        {
          name: 'eth0',
          rxBytes: 1n,
          rxPackets: 2n,
          rxErrors: 0n,
          rxDropped: 0n,
          txBytes: 3n,
          txPackets: 4n,
          txErrors: 0n,
          txDropped: 0n,
        },
      ],
    };
    const text = encodeEvent({ type: 'stats', id: 'a', data }, 'runc');
    expect(text).toContain(
      '"cpu":{"usage":{"kernel":0,"user":0},"throttling":{},"psi":{"some":{"avg10":1.5,"avg60":0,"avg300":1e-7,"total":10},' +
        '"full":{"avg10":0,"avg60":0,"avg300":0,"total":0}}},"cpuset":{"cpu_exclusive":0,',
    );
    expect(text).toContain(
      '"network_interfaces":[{"Name":"eth0","RxBytes":1,"RxPackets":2,"RxErrors":0,"RxDropped":0,"TxBytes":3,"TxPackets":4,"TxErrors":0,"TxDropped":0}]}}',
    );
    expect(encodeEvent({ type: 'stats', id: 'a', data: {} }, 'runc')).toMatch(/"network_interfaces":null\}\}$/);
  });

  it('sorts map keys and escapes them', () => {
    const raw = new Map([
      ['z', 1n],
      ['<a>', 2n],
      ['a', 3n],
    ]);
    const memory = {
      cache: 0n,
      usage: { limit: 0n, usage: 0n, max: 0n, failcnt: 0n },
      swap: { limit: 0n, usage: 0n, max: 0n, failcnt: 0n },
      kernel: { limit: 0n, usage: 0n, max: 0n, failcnt: 0n },
      kernelTCP: { limit: 0n, usage: 0n, max: 0n, failcnt: 0n },
      raw,
    };
    expect(encodeEvent({ type: 'stats', id: 'a', data: { memory } }, 'kata')).toContain(
      '"raw":{"\\u003ca\\u003e":2,"a":3,"z":1}',
    );
  });

  it('full: sample meta and schema_version before data, absent sections left out', () => {
    const text = encodeEvent(
      {
        type: 'stats',
        id: 'a',
        data: { pids: { current: 1n, limit: 0n } },
        sample: {
          timestamp: 1700000000123,
          sources: ['cgroup-v2'],
          issues: [{ source: 'netns', kind: 'io', message: 'gone' }],
        },
      },
      'full',
    );
    expect(text).toBe(
      '{"type":"stats","id":"a","schema_version":1,"timestamp":1700000000123,"sources":["cgroup-v2"],' +
        '"issues":[{"source":"netns","kind":"io","message":"gone"}],"data":{"pids":{"current":1,"limit":0}}}',
    );
  });

  it('pretty prints like jq: two spaces, ": ", empty containers inline', () => {
    const text = encodeEvent(
      { type: 'stats', id: 'a:{b}', data: { pids: { current: 1n, limit: 0n }, hugetlb: new Map() } },
      'full',
      {
        pretty: true,
      },
    );
    expect(text).toBe(
      '{\n  "type": "stats",\n  "id": "a:{b}",\n  "schema_version": 1,\n  "data": {\n    "pids": {\n      "current": 1,\n' +
        '      "limit": 0\n    },\n    "hugetlb": {}\n  }\n}',
    );
  });
});
