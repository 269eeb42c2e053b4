import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { schemaSpecifier, type SchemaName } from '@katamon/core';
import { runcAvailable, startRuncContainer, type RuncContainer } from '@katamon/test-fixtures';
import { ensureBundle, runKatamon } from './katamon-cli.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Same keys in the same order; a value equal before and after must be equal in katamon's output, a value
 * that moved must lie between the two runc readings.
 */
function compareBracketed(before: Json, ours: Json, after: Json, path: string, problems: string[]): void {
  if (typeof before === 'number' && typeof after === 'number') {
    const low = Math.min(before, after);
    const high = Math.max(before, after);
    if (typeof ours !== 'number' || ours < low || ours > high)
      problems.push(`${path}: ${String(ours)} not in [${low}, ${high}]`);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (!Array.isArray(ours) || ours.length !== before.length || before.length !== after.length) {
      problems.push(
        `${path}: array lengths ${Array.isArray(ours) ? ours.length : 'none'} vs ${before.length}/${after.length}`,
      );
      return;
    }
    before.forEach((b, i) => compareBracketed(b, ours[i] as Json, after[i] as Json, `${path}[${i}]`, problems));
    return;
  }
  if (
    before !== null &&
    typeof before === 'object' &&
    after !== null &&
    typeof after === 'object' &&
    !Array.isArray(before)
  ) {
    const keys = Object.keys(before);
    const ourKeys = ours !== null && typeof ours === 'object' && !Array.isArray(ours) ? Object.keys(ours) : [];
    if (ourKeys.join(',') !== keys.join(',')) {
      problems.push(`${path}: keys [${ourKeys.join(',')}] vs runc [${keys.join(',')}]`);
      return;
    }
    const o = ours as Record<string, Json>;
    const a = after as Record<string, Json>;
    for (const key of keys)
      compareBracketed(before[key] as Json, o[key] as Json, a[key] as Json, `${path}.${key}`, problems);
    return;
  }
  if (JSON.stringify(before) !== JSON.stringify(ours))
    problems.push(`${path}: ${JSON.stringify(ours)} vs runc ${JSON.stringify(before)}`);
}

describe('katamon events --stats against runc events --stats (same container)', () => {
  // Prerequisites are installed by .ci/run: a missing one fails loudly instead of skipping.
  beforeAll(() =>
    expect(!runcAvailable(), 'missing prerequisite: run .ci/run (root, runc, busybox-static, Go, Chromium)').toBe(
      false,
    ),
  );
  let container: RuncContainer;
  const require = createRequire(import.meta.url);
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const validator = (schema: SchemaName) => ajv.compile(require(schemaSpecifier(schema)) as object);

  beforeAll(async () => {
    ensureBundle();
    // A process that never wakes keeps every gauge still, so only counters may move between readings.
    container = await startRuncContainer({ command: ['sleep', '100000'], memoryLimit: 64 << 20, pidsLimit: 32 });
  });
  afterAll(async () => container?.delete());

  it('--schema runc: runc-before ≤ katamon ≤ runc-after, same keys in the same order', async () => {
    const before = await container.runc(['events', '--stats', container.id]);
    const ours = await runKatamon(['--root', container.root, 'events', '--stats', '--schema', 'runc', container.id]);
    const after = await container.runc(['events', '--stats', container.id]);
    expect(before.code).toBe(0);
    expect(ours.stderr).toBe('');
    expect(ours.code).toBe(0);
    expect(ours.stdout.endsWith('}\n')).toBe(true);
    expect(ours.stdout.split('\n')).toHaveLength(2);
    const problems: string[] = [];
    compareBracketed(
      JSON.parse(before.stdout) as Json,
      JSON.parse(ours.stdout) as Json,
      JSON.parse(after.stdout) as Json,
      '$',
      problems,
    );
    expect(problems).toEqual([]);
  });

  it.each(['kata', 'full'] as const)('--schema %s output is valid against its JSON Schema', async (schema) => {
    const ours = await runKatamon(['--root', container.root, 'events', '--stats', '--schema', schema, container.id]);
    expect(ours.stderr).toBe('');
    const validate = validator(schema);
    const event: unknown = JSON.parse(ours.stdout);
    expect(validate(event) ? [] : validate.errors).toEqual([]);
    expect(event).toMatchObject({ type: 'stats', id: container.id });
  });

  it('the default schema is kata, and --pretty prints the same JSON indented', async () => {
    const compact = await runKatamon(['--root', container.root, 'events', '--stats', container.id.slice(0, 14)]);
    const pretty = await runKatamon(['--root', container.root, 'events', container.id, '-stats', '--pretty']);
    expect(validator('kata')(JSON.parse(compact.stdout))).toBe(true);
    expect(pretty.stdout.split('\n').length).toBeGreaterThan(10);
    expect(Object.keys(JSON.parse(pretty.stdout) as object)).toEqual(['type', 'id', 'data']);
    expect((JSON.parse(compact.stdout) as { id: string }).id).toBe(container.id);
  });
});
