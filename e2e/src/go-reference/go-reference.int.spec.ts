import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { decodeEvent, encodeEvent, formatGoDuration, KatamonError, parseGoDuration } from '@katamon/core';
import type { Event } from '@katamon/core';
import { eventArbitrary, COUNTER_BOUNDARIES, oddStringArbitrary } from '@katamon/core-testing';
import { durationBoundaryInputs } from './duration-boundary-inputs.js';
import { buildGoReference, toNeutralJson } from './go-reference.js';
import type { GoReference } from './go-reference.js';

// Differential tests against Go itself (the installed Debian toolchain, Go 1.19 like runc 1.1.5 on
// Debian 12): the same struct definitions and json tags as kata 1.11.1 (+ openEuler) and runc 1.2-1.3,
// encoded by encoding/json, must give katamon's bytes; time.ParseDuration and Duration.String must
// agree with parseGoDuration and formatGoDuration. Go < 1.22 writes U+0008/U+000C as \u0008/\u000c,
// which is what katamon writes (see go-string.ts); the generated strings contain both.

const EVENTS_PER_SCHEMA = 3000;
let go: GoReference;

// Generous per-test limits: CI shares two cores with every other project's suite.
const SLOW = 180_000;

beforeAll(() => {
  go = buildGoReference();
}, SLOW);
afterAll(() => go?.dispose());

function firstMismatch(expected: readonly string[], actual: readonly string[]): number {
  for (let i = 0; i < Math.max(expected.length, actual.length); i++) if (expected[i] !== actual[i]) return i;
  return -1;
}

describe.each(['kata', 'runc'] as const)('%s events: katamon prints what Go prints', (schema) => {
  it(
    `${EVENTS_PER_SCHEMA} generated events, byte for byte`,
    () => {
      // The file's fast-check seed (printed on failure, KATAMON_FC_SEED replays it), a different stream per schema.
      const seed = (fc.readConfigureGlobal().seed ?? 0) ^ (schema === 'kata' ? 1 : 2);
      const events: Event[] = fc.sample(eventArbitrary({ schema }), { numRuns: EVENTS_PER_SCHEMA, seed });
      const goLines = go.run(schema, events.map(toNeutralJson));
      const ours = events.map((e) => encodeEvent(e, schema));
      const at = firstMismatch(goLines, ours);
      if (at >= 0) {
        // Name the seed and the input so the failure can be replayed.
        expect({ seed, go: go.version, input: toNeutralJson(events[at]), katamon: ours[at] }).toEqual({
          seed,
          go: go.version,
          input: toNeutralJson(events[at]),
          katamon: goLines[at],
        });
      }
      expect(ours.length).toBe(goLines.length);
    },
    SLOW,
  );
});

// The Go structs themselves are checked against what the real tools printed: the contract samples, decoded
// by katamon and handed to Go in the neutral form, come back byte for byte.
const contractDir = join(import.meta.dirname, '..', '..', '..', 'packages', 'core', 'src', 'encoding', 'contract');

it.each([
  ['kata-seed-example.ndjson', 'kata'],
  ['runc-1.1.5-idle-stats.ndjson', 'runc'],
  ['runc-1.1.5-busy-stats.ndjson', 'runc'],
  ['runc-1.1.5-oom-stream.ndjson', 'runc'],
] as const)('Go reproduces the real sample %s from the model', (file, schema) => {
  const lines = readFileSync(join(contractDir, file), 'utf8').trim().split('\n');
  expect(
    go.run(
      schema,
      lines.map((l) => toNeutralJson(decodeEvent(l, schema))),
    ),
  ).toEqual(lines);
});

it('the Go toolchain is one that writes \\u0008 (Go < 1.22), as katamon does', () => {
  const [line] = go.run('kata', [toNeutralJson({ type: 'oom', id: '\b\f' })]);
  expect(line).toBe('{"type":"oom","id":"\\u0008\\u000c"}');
  expect(encodeEvent({ type: 'oom', id: '\b\f' }, 'kata')).toBe(line);
});

type DurationResult = { ok: boolean; ns?: string; err?: string; str?: string };

function ours(text: string): DurationResult {
  try {
    return { ok: true, ns: parseGoDuration(text).toString() };
  } catch (e) {
    expect(KatamonError.isKind(e, 'invalid-argument')).toBe(true);
    return { ok: false, err: (e as Error).message };
  }
}

const UNITS = ['ns', 'us', '\u00b5s', '\u03bcs', 'ms', 's', 'm', 'h', 'd', 'S', 'µ', 'sec', '', 'é', 'hh', 'n'];
const number = fc.oneof(
  fc.stringMatching(/^[0-9]{1,3}$/),
  fc.stringMatching(/^[0-9]{0,25}\.?[0-9]{0,25}$/),
  fc.constantFrom('9223372036854775807', '9223372036854775808', '2562047', '0', '.', '1.', '.5', '00'),
);
const durationText = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('', '-', '+', '--', ' '),
      fc.array(fc.tuple(number, fc.constantFrom(...UNITS)), { minLength: 1, maxLength: 4 }),
    )
    .map(([sign, parts]) => sign + parts.map(([n, u]) => n + u).join('')),
  fc.string({ unit: 'binary-ascii', maxLength: 8 }),
  oddStringArbitrary(),
  fc.constantFrom(
    '',
    '0',
    '-0',
    '+0',
    '5',
    '1d',
    '1.5s',
    '.5s',
    '5.s',
    '1s1s',
    '0.1ns',
    '1.0000000001s',
    '2562047h47m16.854775807s',
    '2562047h47m16.854775808s',
    '-2562047h47m16.854775808s',
    '9223372036854775807ns',
    '9223372036854775808ns',
    '-9223372036854775808ns',
    '99999999999999999999s',
    '1.00000000000000000000000001h',
    '0.9999999999999999999999h',
    '1d\u20ac',
    '1\u00e9',
    '"5x\\',
    '1\ufffdx',
    '1\ud800',
  ),
);

function durationMismatches(inputs: readonly string[]) {
  const goResults = go.run(
    'duration',
    inputs.map((p) => JSON.stringify({ parse: p })),
  );
  expect(goResults.length).toBe(inputs.length);
  const mismatches = inputs
    .map((text, i) => ({ text, go: JSON.parse(goResults[i] as string) as DurationResult, katamon: ours(text) }))
    .filter((r) => JSON.stringify(r.go) !== JSON.stringify(r.katamon));
  return { goResults, mismatches };
}

it(
  'parseGoDuration agrees with time.ParseDuration on every boundary input: accept/reject, value, error text',
  () => {
    const inputs = durationBoundaryInputs();
    expect(inputs.length).toBeGreaterThan(30_000);
    const { goResults, mismatches } = durationMismatches(inputs);
    expect({ count: mismatches.length, first: mismatches.slice(0, 5) }).toEqual({ count: 0, first: [] });
    // The corpus reaches both outcomes and the wrap of Go's uint64 sum (2^63 + 2^63 = 0).
    expect(goResults.filter((l) => l.includes('"ok":true')).length).toBeGreaterThan(5_000);
    expect(goResults[inputs.indexOf('9223372036854775808ns9223372036854775808ns')]).toBe('{"ok":true,"ns":"0"}');
  },
  SLOW,
);

it(
  'parseGoDuration agrees with time.ParseDuration: accept/reject, value, error text',
  () => {
    const inputs = fc.sample(durationText, { numRuns: 5000 });
    const { goResults, mismatches } = durationMismatches(inputs);
    expect(mismatches.slice(0, 5)).toEqual([]);
    // The sample must exercise both outcomes and every error family.
    const errors = goResults.filter((l) => l.includes('"ok":false')).join('\n');
    expect(goResults.filter((l) => l.includes('"ok":true')).length).toBeGreaterThan(100);
    for (const family of ['invalid duration', 'missing unit', 'unknown unit']) expect(errors).toContain(family);
  },
  SLOW,
);

it(
  'formatGoDuration agrees with Duration.String',
  () => {
    const int64 = fc.oneof(
      fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
      fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }),
      fc.bigInt({ min: -2000n, max: 2000n }),
      fc.constantFrom(
        ...COUNTER_BOUNDARIES.filter((b) => b < 2n ** 63n),
        -(2n ** 63n),
        1000n,
        999_999n,
        1_000_000_000n,
        3_600_000_000_000n,
      ),
    );
    const values = fc.sample(int64, { numRuns: 3000 });
    const goResults = go.run(
      'duration',
      values.map((v) => JSON.stringify({ format: v.toString() })),
    );
    const mismatches = values
      .map((v, i) => ({
        v: v.toString(),
        go: (JSON.parse(goResults[i] as string) as DurationResult).str,
        katamon: formatGoDuration(v),
      }))
      .filter((r) => r.go !== r.katamon);
    expect(mismatches.slice(0, 5)).toEqual([]);
  },
  SLOW,
);
