import { ERROR_KINDS, STATS_SECTIONS } from '@katamon/core';

/** How one field of the stats model must look; a trailing `?` marks it optional. */
type Shape =
  | 'counter'
  | 'int64'
  | 'number'
  | 'string'
  | 'boolean'
  | 'counter[]'
  | 'number[]'
  | Shape[]
  | ShapeObject
  | { map: Shape }
  | { oneOf: string[] };
interface ShapeObject {
  [key: string]: Shape;
}

const counters = (...names: string[]): ShapeObject => Object.fromEntries(names.map((n) => [n, 'counter' as const]));
const psiData = { avg10: 'number', avg60: 'number', avg300: 'number', total: 'counter' } as const;
const psi: ShapeObject = { some: psiData, full: psiData };
const memoryEntry = counters('limit', 'usage', 'max', 'failcnt');
const blkioEntry: ShapeObject = { major: 'counter', minor: 'counter', op: 'string', value: 'counter' };
const iface: ShapeObject = {
  name: 'string',
  ...counters('rxBytes', 'rxPackets', 'rxErrors', 'rxDropped', 'txBytes', 'txPackets', 'txErrors', 'txDropped'),
};
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

/** The stats model of @katamon/core as data (keep in step with model/stats.ts). */
const sections: ShapeObject = {
  cpu: {
    usage: {
      total: 'counter',
      percpu: 'counter[]',
      percpuKernel: 'counter[]',
      percpuUser: 'counter[]',
      kernel: 'counter',
      user: 'counter',
    },
    throttling: counters('periods', 'throttledPeriods', 'throttledTime'),
    'psi?': psi,
  },
  cpuset: {
    cpus: 'number[]',
    mems: 'number[]',
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
    ...Object.fromEntries(
      [
        'ioServiceBytesRecursive',
        'ioServicedRecursive',
        'ioQueueRecursive',
        'ioServiceTimeRecursive',
        'ioWaitTimeRecursive',
        'ioMergedRecursive',
        'ioTimeRecursive',
        'sectorsRecursive',
      ].map((k) => [k, [blkioEntry]]),
    ),
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
    interfaces: [iface],
    tcp,
    tcp6: tcp,
    udp,
    udp6: udp,
    origin: { oneOf: ['netns', 'agent', 'agent-metrics', 'host-veth', 'plugin'] },
  },
  runcInterfaces: [iface],
};

const U64_MAX = 2n ** 64n - 1n;
const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/**
 * Everything that is wrong with a (partial) Stats value, as `path: problem` lines; empty when valid.
 * Every section is optional; a present section must be complete, with bigint counters in range,
 * Maps where the model has kernel-keyed maps, and no keys the model does not know.
 */
export function checkStats(stats: unknown): string[] {
  const problems: string[] = [];
  if (!isPlainObject(stats)) return ['stats: not an object'];
  for (const [key, value] of Object.entries(stats)) {
    if (!(STATS_SECTIONS as readonly string[]).includes(key)) problems.push(`stats.${key}: not a section of the model`);
    else if (value !== undefined) check(value, sections[key] as Shape, `stats.${key}`, problems);
  }
  return problems;
}

/** Problems with the issues a source reported (each needs source, a known kind and a message). */
export function checkIssues(issues: unknown): string[] {
  if (issues === undefined) return [];
  if (!Array.isArray(issues)) return ['issues: not an array'];
  return issues.flatMap((issue, i) => {
    const at = `issues[${i}]`;
    if (!isPlainObject(issue)) return [`${at}: not an object`];
    const out: string[] = [];
    if (typeof issue['source'] !== 'string' || issue['source'] === '') out.push(`${at}.source: not a non-empty string`);
    if (!(ERROR_KINDS as readonly unknown[]).includes(issue['kind']))
      out.push(`${at}.kind: ${String(issue['kind'])} is not an error kind`);
    if (typeof issue['message'] !== 'string') out.push(`${at}.message: not a string`);
    if (issue['path'] !== undefined && typeof issue['path'] !== 'string') out.push(`${at}.path: not a string`);
    return out;
  });
}

function check(value: unknown, shape: Shape, at: string, problems: string[]): void {
  const fail = (what: string) => void problems.push(`${at}: ${what}`);
  if (shape === 'counter' || shape === 'int64') {
    const [min, max] = shape === 'counter' ? [0n, U64_MAX] : [I64_MIN, I64_MAX];
    if (typeof value !== 'bigint') return fail(`expected a bigint, got ${typeof value}`);
    if (value < min || value > max) return fail(`${value} is out of range`);
    return;
  }
  if (shape === 'number')
    return typeof value === 'number' && Number.isFinite(value) ? undefined : fail('expected a finite number');
  if (shape === 'string') return typeof value === 'string' ? undefined : fail('expected a string');
  if (shape === 'boolean') return typeof value === 'boolean' ? undefined : fail('expected a boolean');
  if (shape === 'counter[]' || shape === 'number[]')
    return check(value, [shape === 'counter[]' ? 'counter' : 'number'], at, problems);
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return fail('expected an array');
    value.forEach((item, i) => check(item, shape[0] as Shape, `${at}[${i}]`, problems));
    return;
  }
  // No field of the model is called `map` or `oneOf`, so these keys mark the special shapes.
  if ('map' in shape) {
    const inner = shape.map as Shape;
    if (!(value instanceof Map)) return fail('expected a Map (keys come from the kernel)');
    for (const [k, v] of value) {
      if (typeof k !== 'string') fail(`map key ${String(k)} is not a string`);
      check(v, inner, `${at}.get(${JSON.stringify(k)})`, problems);
    }
    return;
  }
  if ('oneOf' in shape) {
    const allowed = shape.oneOf as string[];
    return allowed.includes(value as string) ? undefined : fail(`${String(value)} is not one of ${allowed.join(', ')}`);
  }
  if (!isPlainObject(value)) return fail('expected an object');
  const fields = shape as ShapeObject;
  const known = new Set(Object.keys(fields).map((k) => k.replace(/\?$/, '')));
  for (const key of Object.keys(value)) if (!known.has(key)) fail(`unknown field "${key}"`);
  for (const [rawKey, fieldShape] of Object.entries(fields)) {
    const key = rawKey.replace(/\?$/, '');
    const v = value[key];
    if (v === undefined) {
      if (!rawKey.endsWith('?')) problems.push(`${at}.${key}: missing`);
      continue;
    }
    check(v, fieldShape, `${at}.${key}`, problems);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Map);
}
