/**
 * The stats model of `stats.ts` as data, for checking values that come from outside the process's own code
 * (plugins) and for the conformance suite. Keep in step with `stats.ts`: core-testing checks that every Stats its
 * arbitraries generate passes `checkStats`.
 */
export type Shape =
  /** bigint in 0..2^64−1. */
  | 'counter'
  /** bigint in −2^63..2^63−1. */
  | 'int64'
  /** A finite number. */
  | 'number'
  /** An integer in 0..65535 (cpuset ids, which the encoders print as Go uint16). */
  | 'u16'
  | 'string'
  | 'boolean'
  /** An array of one shape. */
  | readonly [Shape]
  | ShapeObject
  /** A Map with string keys (keys come from the kernel). */
  | { readonly map: Shape }
  | { readonly oneOf: readonly string[] };

/** Fields of an object; a trailing `?` marks an optional one. */
export interface ShapeObject {
  readonly [key: string]: Shape;
}

const counters = (...names: string[]): ShapeObject => Object.fromEntries(names.map((n) => [n, 'counter' as const]));
const psiData: ShapeObject = { avg10: 'number', avg60: 'number', avg300: 'number', total: 'counter' };
const psi: ShapeObject = { some: psiData, full: psiData };
const memoryEntry = counters('limit', 'usage', 'max', 'failcnt');
const blkioEntries: readonly [Shape] = [{ major: 'counter', minor: 'counter', op: 'string', value: 'counter' }];
const interfaces: readonly [Shape] = [
  {
    name: 'string',
    ...counters('rxBytes', 'rxPackets', 'rxErrors', 'rxDropped', 'txBytes', 'txPackets', 'txErrors', 'txDropped'),
  },
];
const tcp = counters(
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
);
const udp = counters('sockets', 'drops', 'txQueue', 'rxQueue');

/** Every section of `Stats`, by name. */
export const STATS_SHAPE: ShapeObject = {
  cpu: {
    usage: {
      total: 'counter',
      percpu: ['counter'],
      percpuKernel: ['counter'],
      percpuUser: ['counter'],
      kernel: 'counter',
      user: 'counter',
    },
    throttling: counters('periods', 'throttledPeriods', 'throttledTime'),
    'psi?': psi,
  },
  cpuset: {
    cpus: ['u16'],
    mems: ['u16'],
    ...counters(
      'cpuExclusive',
      'memHardwall',
      'memExclusive',
      'memoryMigrate',
      'memorySpreadPage',
      'memorySpreadSlab',
      'memoryPressure',
      'schedLoadBalance',
    ),
    schedRelaxDomainLevel: 'int64',
  },
  memory: {
    cache: 'counter',
    usage: memoryEntry,
    swap: memoryEntry,
    kernel: memoryEntry,
    kernelTCP: memoryEntry,
    raw: { map: 'counter' },
    'psi?': psi,
    'events?': counters('low', 'high', 'max', 'oom', 'oomKill', 'oomGroupKill'),
    'useHierarchy?': 'boolean',
  },
  pids: counters('current', 'limit'),
  blkio: {
    ioServiceBytesRecursive: blkioEntries,
    ioServicedRecursive: blkioEntries,
    ioQueueRecursive: blkioEntries,
    ioServiceTimeRecursive: blkioEntries,
    ioWaitTimeRecursive: blkioEntries,
    ioMergedRecursive: blkioEntries,
    ioTimeRecursive: blkioEntries,
    sectorsRecursive: blkioEntries,
    'psi?': psi,
  },
  hugetlb: { map: counters('usage', 'max', 'failcnt') },
  intelRdt: {
    'l3CacheInfo?': { cbmMask: 'string', minCbmBits: 'counter', numClosids: 'counter' },
    'l3CacheSchemaRoot?': 'string',
    'l3CacheSchema?': 'string',
    'memBwInfo?': counters('bandwidthGran', 'delayLinear', 'minBandwidth', 'numClosids'),
    'memBwSchemaRoot?': 'string',
    'memBwSchema?': 'string',
  },
  network: {
    interfaces,
    tcp,
    tcp6: tcp,
    udp,
    udp6: udp,
    origin: { oneOf: ['netns', 'agent', 'agent-metrics', 'host-veth', 'plugin'] },
  },
  runcInterfaces: interfaces,
};
