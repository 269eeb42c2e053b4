import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { fc, test } from '@fast-check/vitest';
import { decodeEvent, encodeEvent, parseJsonExact, SCHEMA_NAMES, schemaSpecifier } from '@katamon/core';
import type { SchemaName } from '@katamon/core';
import { eventArbitrary } from './event.arbitrary.js';

// The properties of the event contract, per schema, over generated canonical events: the encoder's
// output is JSON, matches the shipped JSON Schema, and decodes back to the same event.

const require = createRequire(import.meta.url);
const ajv = new Ajv2020({ strict: true, allErrors: true });
const validators = new Map(SCHEMA_NAMES.map((s) => [s, ajv.compile(require(schemaSpecifier(s)) as object)] as const));
const runs = { numRuns: 200 };

describe.each(SCHEMA_NAMES)('%s schema', (schema: SchemaName) => {
  const validate = validators.get(schema) as NonNullable<ReturnType<typeof validators.get>>;

  test.prop([eventArbitrary({ schema })], runs)('encodes to JSON valid against its JSON Schema', (event) => {
    const text = encodeEvent(event, schema);
    expect(text).not.toMatch(/\n/);
    const parsed: unknown = JSON.parse(text);
    expect(validate(parsed) ? [] : validate.errors).toEqual([]);
  });

  test.prop([eventArbitrary({ schema, loneSurrogates: false })], runs)('decodes back to the same event', (event) => {
    expect(decodeEvent(encodeEvent(event, schema), schema)).toStrictEqual(event);
  });

  // A lone surrogate is written `\ufffd` and reads back as U+FFFD, which Go (and katamon) then write raw:
  // with odd strings, encode∘decode is stable from its first application on.
  test.prop([eventArbitrary({ schema })], runs)('encode∘decode is a fixed point after one step', (event) => {
    const first = encodeEvent(event, schema);
    const second = encodeEvent(decodeEvent(first, schema), schema);
    expect(encodeEvent(decodeEvent(second, schema), schema)).toBe(second);
    expect(decodeEvent(second, schema)).toStrictEqual(decodeEvent(first, schema));
  });

  test.prop([eventArbitrary({ schema })], { numRuns: 100 })('pretty output holds the same JSON', (event) => {
    const pretty = encodeEvent(event, schema, { pretty: true });
    // Exact parse into Maps: a `constructor` key in plain objects would confuse the deep equality.
    expect(parseJsonExact(pretty)).toStrictEqual(parseJsonExact(encodeEvent(event, schema)));
    expect(decodeEvent(pretty, schema)).toStrictEqual(decodeEvent(encodeEvent(event, schema), schema));
  });
});

it('ships one JSON Schema 2020-12 file per schema', () => {
  for (const s of SCHEMA_NAMES) {
    const doc = require(schemaSpecifier(s)) as { $schema: string; $defs: { uint64: { maximum: number } } };
    expect(doc.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(readFileSync(require.resolve(schemaSpecifier(s)), 'utf8')).toContain('"maximum": 18446744073709551615,');
    expect(doc.$defs.uint64.maximum).toBe(Number(2n ** 64n - 1n));
  }
});

test.prop([fc.constantFrom(...SCHEMA_NAMES)])('oom is exactly type and id', (schema) => {
  expect(encodeEvent({ type: 'oom', id: 'x' }, schema)).toBe('{"type":"oom","id":"x"}');
});
