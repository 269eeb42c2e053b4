import { fc, test } from '@fast-check/vitest';
import type { Stats, TcpStats } from '../model/stats.js';
import { encodeEvent } from './encode-event.js';
import { parseJsonExact, type JsonObject } from './parse-json-exact.js';
import { zeroTcp, zeroUdp } from './zero-stats.js';

// The TcpStat declaration order of the agent (events-contract §2.c: the kernel's state codes 01..0B), which
// encoding/json keeps: the model's field for each key, written out here rather than taken from the encoder.
const CONTRACT_ORDER: readonly (readonly [string, keyof TcpStats])[] = [
  ['established', 'established'],
  ['syn_sent', 'synSent'],
  ['syn_recv', 'synRecv'],
  ['fin_wait1', 'finWait1'],
  ['fin_wait2', 'finWait2'],
  ['time_wait', 'timeWait'],
  ['close', 'close'],
  ['close_wait', 'closeWait'],
  ['last_ack', 'lastAck'],
  ['listen', 'listen'],
  ['closing', 'closing'],
];

function withTcp(tcp: TcpStats, tcp6: TcpStats = zeroTcp()): Stats {
  return { network: { interfaces: [], tcp, tcp6, udp: zeroUdp(), udp6: zeroUdp(), origin: 'netns' } };
}

/** The tcp and tcp6 objects of an encoded event, keys in the order they were printed, counters exact. */
function printedTcp(line: string, schema: 'kata' | 'full'): [JsonObject, JsonObject] {
  const event = parseJsonExact(line) as JsonObject;
  // kata prints the network next to data's cgroup sections; full nests it under data.network.
  const data = event.get('data') as JsonObject;
  const holder = schema === 'kata' ? data : (data.get('network') as JsonObject);
  return [holder.get('tcp') as JsonObject, holder.get('tcp6') as JsonObject];
}

describe('TCP state counts are printed in the agent’s declaration order', () => {
  it('every count distinct and non-zero (kata, full)', () => {
    const tcp = zeroTcp();
    // Distinct values above 2^53, so a swapped pair or a float on the way shows.
    CONTRACT_ORDER.forEach(([, field], i) => (tcp[field] = 2n ** 60n + BigInt(i + 1)));
    const expected = CONTRACT_ORDER.map(([key], i) => `"${key}":${2n ** 60n + BigInt(i + 1)}`).join(',');
    for (const schema of ['kata', 'full'] as const) {
      const line = encodeEvent({ type: 'stats', id: 'a', data: withTcp(tcp, tcp) }, schema);
      expect(line, schema).toContain(`"tcp":{${expected}}`);
      expect(line, schema).toContain(`"tcp6":{${expected}}`);
    }
  });

  const count = fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 2n ** 64n - 1n }));
  const tcpStats = fc.record(
    Object.fromEntries(CONTRACT_ORDER.map(([, field]) => [field, count])) as Record<
      keyof TcpStats,
      fc.Arbitrary<bigint>
    >,
  );

  test.prop([tcpStats, tcpStats])('kata: the non-zero counts, in order, with their values', (tcp, tcp6) => {
    const line = encodeEvent({ type: 'stats', id: 'a', data: withTcp(tcp, tcp6) }, 'kata');
    const [a, b] = printedTcp(line, 'kata');
    for (const [printed, stats] of [
      [a, tcp],
      [b, tcp6],
    ] as const) {
      const want = CONTRACT_ORDER.filter(([, field]) => stats[field] !== 0n).map(([key, field]) => [key, stats[field]]);
      expect([...printed.entries()]).toEqual(want);
    }
  });

  test.prop([tcpStats])('full: every count, zeros included, in order', (tcp) => {
    const [printed] = printedTcp(encodeEvent({ type: 'stats', id: 'a', data: withTcp(tcp) }, 'full'), 'full');
    expect([...printed.entries()]).toEqual(CONTRACT_ORDER.map(([key, field]) => [key, tcp[field]]));
  });
});
