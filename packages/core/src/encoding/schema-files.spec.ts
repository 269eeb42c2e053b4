import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { SCHEMA_NAMES } from '../model/event.js';
import type { SchemaName } from '../model/event.js';
import { encodeEvent } from './encode-event.js';

// The shipped JSON Schema files accept what the real tools printed and what katamon prints.

const schemaDir = join(import.meta.dirname, '..', '..', 'schemas');
const contractDir = join(import.meta.dirname, 'contract');
const ajv = new Ajv2020({ strict: true, allErrors: true });
const validate = Object.fromEntries(
  SCHEMA_NAMES.map((s) => [
    s,
    ajv.compile(JSON.parse(readFileSync(join(schemaDir, `${s}.schema.json`), 'utf8')) as object),
  ]),
) as Record<SchemaName, ReturnType<typeof ajv.compile>>;

function errorsOf(schema: SchemaName, value: unknown): unknown {
  return validate[schema](value) ? [] : validate[schema].errors;
}

describe('JSON Schema files', () => {
  it.each([
    ['kata-seed-example.ndjson', 'kata'],
    ['runc-1.1.5-idle-stats.ndjson', 'runc'],
    ['runc-1.1.5-busy-stats.ndjson', 'runc'],
    ['runc-1.1.5-oom-stream.ndjson', 'runc'],
  ] as const)('accept the real sample %s as %s', (file, schema) => {
    const lines = readFileSync(join(contractDir, file), 'utf8').trim().split('\n');
    for (const line of lines) expect(errorsOf(schema, JSON.parse(line))).toEqual([]);
  });

  it('reject what another schema printed', () => {
    const runcLine = readFileSync(join(contractDir, 'runc-1.1.5-busy-stats.ndjson'), 'utf8').trim();
    expect(validate.kata(JSON.parse(runcLine))).toBe(false);
    expect(validate.full(JSON.parse(runcLine))).toBe(false);
  });

  it.each(SCHEMA_NAMES)('%s accepts an empty sample, null data and oom', (schema) => {
    for (const event of [
      { type: 'stats' as const, id: 'a', data: {} },
      { type: 'stats' as const, id: 'a', data: null },
      { type: 'oom' as const, id: 'a' },
    ]) {
      expect(errorsOf(schema, JSON.parse(encodeEvent(event, schema)))).toEqual([]);
    }
  });
});
