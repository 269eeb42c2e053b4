import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parseJsonExact, schemaSpecifier, type SchemaName } from '@katamon/core';
import { runcAvailable, startRuncContainer, type RuncContainer } from '@katamon/test-fixtures';
import { compareBracketed } from './compare-bracketed.js';
import { ensureBundle, runKatamon } from './katamon-cli.js';

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
      parseJsonExact(before.stdout),
      parseJsonExact(ours.stdout),
      parseJsonExact(after.stdout),
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
