import fc from 'fast-check';
import {
  encodeStatsContainerResponse,
  FAKE_BLKIO_FIELDS,
  type FakeStatsContainerResponse,
} from '@katamon/test-fixtures';
import { decodeStatsContainerResponse } from './stats-container-response.js';

const u64 = fc.oneof(
  fc.constantFrom(0n, 1n, 9223372036854771712n, 18446744073709551615n),
  fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
);
const memData = fc.record({ usage: u64, maxUsage: u64, failcnt: u64, limit: u64 });
const entry = fc.record({
  major: u64,
  minor: u64,
  op: fc.constantFrom('', 'read', 'write', 'rios', 'Total'),
  value: u64,
});
const blkio = fc.record(
  Object.fromEntries(FAKE_BLKIO_FIELDS.map((k) => [k, fc.array(entry, { maxLength: 3 })])) as Record<
    (typeof FAKE_BLKIO_FIELDS)[number],
    fc.Arbitrary<{ major: bigint; minor: bigint; op: string; value: bigint }[]>
  >,
);
const key = fc.string({ minLength: 1, maxLength: 12 });

const responseArb: fc.Arbitrary<FakeStatsContainerResponse> = fc.record(
  {
    cgroupStats: fc.record(
      {
        cpuStats: fc.record(
          {
            cpuUsage: fc.record({
              totalUsage: u64,
              percpuUsage: fc.array(u64, { maxLength: 8 }),
              usageInKernelmode: u64,
              usageInUsermode: u64,
            }),
            throttlingData: fc.record({ periods: u64, throttledPeriods: u64, throttledTime: u64 }),
          },
          { requiredKeys: [] },
        ),
        memoryStats: fc.record(
          {
            cache: u64,
            usage: memData,
            swapUsage: memData,
            kernelUsage: memData,
            useHierarchy: fc.boolean(),
            stats: fc.uniqueArray(fc.tuple(key, u64), { selector: (t) => t[0], maxLength: 6 }).map((e) => new Map(e)),
          },
          { requiredKeys: ['cache', 'useHierarchy', 'stats'] },
        ),
        pidsStats: fc.record({ current: u64, limit: u64 }),
        blkioStats: blkio,
        hugetlbStats: fc
          .uniqueArray(
            fc.tuple(fc.constantFrom('2MB', '1GB', '64KB'), fc.record({ usage: u64, maxUsage: u64, failcnt: u64 })),
            { selector: (t) => t[0] },
          )
          .map((e) => new Map(e)),
      },
      { requiredKeys: ['hugetlbStats'] },
    ),
    networkStats: fc.array(
      fc.record({
        name: fc.string({ maxLength: 15 }),
        rxBytes: u64,
        rxPackets: u64,
        rxErrors: u64,
        rxDropped: u64,
        txBytes: u64,
        txPackets: u64,
        txErrors: u64,
        txDropped: u64,
      }),
      { maxLength: 3 },
    ),
  },
  { requiredKeys: ['networkStats'] },
);

describe('decodeStatsContainerResponse', () => {
  it('decodes every value exactly, packed or unpacked', () => {
    fc.assert(
      fc.property(responseArb, fc.boolean(), (response, packed) => {
        expect(decodeStatsContainerResponse(encodeStatsContainerResponse(response, { packed }))).toEqual(response);
      }),
      { numRuns: 100 },
    );
  });

  it('decodes the §1.9 b payload (pids current = 3)', () => {
    const decoded = decodeStatsContainerResponse(Uint8Array.of(0x0a, 0x04, 0x1a, 0x02, 0x08, 0x03));
    expect(decoded).toEqual({
      cgroupStats: { hugetlbStats: new Map(), pidsStats: { current: 3n, limit: 0n } },
      networkStats: [],
    });
  });

  it('skips fields a newer agent may add, at every level', () => {
    // cgroup_stats{ pids{current=3, f9=1}, f12="x" }, f7 fixed32
    const payload = Uint8Array.of(0x0a, 0x09, 0x1a, 0x04, 0x08, 0x03, 0x48, 0x01, 0x62, 0x01, 0x78, 0x3d, 1, 2, 3, 4);
    expect(decodeStatsContainerResponse(payload).cgroupStats?.pidsStats).toEqual({ current: 3n, limit: 0n });
  });

  it('rejects a known field with the wrong wire type and truncated input', () => {
    expect(() => decodeStatsContainerResponse(Uint8Array.of(0x08, 0x01))).toThrow(/wire type 0, expected 2/);
    expect(() => decodeStatsContainerResponse(Uint8Array.of(0x0a, 0x04, 0x1a, 0x02, 0x08))).toThrow(
      /malformed protobuf/,
    );
    expect(() => decodeStatsContainerResponse(Uint8Array.of(0x0a, 0x02, 0x1a, 0x00, 0x0a))).toThrow(
      /malformed protobuf/,
    );
  });
});
