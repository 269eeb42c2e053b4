import { spawnSync } from 'node:child_process';
import { decodeEvent } from '@katamon/core';
import { runcAvailable, startRuncContainer, type RuncContainer } from '@katamon/test-fixtures';
import { buildGoReference, toNeutralJson, type GoReference } from '../go-reference/go-reference.js';
import { ensureBundle, runKatamon } from './katamon-cli.js';

const goAvailable = spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;

// The CLI's bytes for a real container, against what Go's encoding/json prints for the same event.
describe('katamon events output vs the Go reference encoder', () => {
  // Prerequisites are installed by .ci/run: a missing one fails loudly instead of skipping.
  beforeAll(() =>
    expect(
      !runcAvailable() || !goAvailable,
      'missing prerequisite: run .ci/run (root, runc, busybox-static, Go, Chromium)',
    ).toBe(false),
  );
  let container: RuncContainer;
  let go: GoReference;

  beforeAll(async () => {
    ensureBundle();
    go = buildGoReference();
    container = await startRuncContainer({ memoryLimit: 32 << 20, pidsLimit: 16 });
  }, 180_000);
  afterAll(async () => {
    await container?.delete();
    go?.dispose();
  });

  it.each(['kata', 'runc'] as const)(
    '--schema %s: Go re-encodes the decoded event to the same bytes',
    async (schema) => {
      const ours = await runKatamon(['--root', container.root, 'events', '--stats', '--schema', schema, container.id]);
      expect(ours.code).toBe(0);
      const line = ours.stdout.slice(0, -1);
      const [reference] = go.run(schema, [toNeutralJson(decodeEvent(line, schema))]);
      expect(reference).toBe(line);
    },
  );
});
