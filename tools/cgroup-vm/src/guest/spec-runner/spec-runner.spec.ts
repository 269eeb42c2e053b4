import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bundleGuestScript } from '../../bundle-guest-script.js';
import { parseGuestOutput } from '../../parse-guest-output.js';
import type { CheckResult } from '../../protocol.js';
import { renderSpecEntry } from './spec-entry.js';

const runnerDir = fileURLToPath(new URL('.', import.meta.url)).replace(/\/$/, '');
const fixture = fileURLToPath(new URL('../../test-guests/sample-suite.fixture.ts', import.meta.url));

/** The guest bundle, run by this host's node: the runner needs no VM to be tested. */
async function runFixture(specs: { name: string; path: string }[]) {
  const bundle = await bundleGuestScript(
    { contents: renderSpecEntry(runnerDir, specs), resolveDir: runnerDir, name: 'entry.ts' },
    { vitest: `${runnerDir}/spec-api.ts` },
  );
  let stdout: string;
  let status = 0;
  try {
    stdout = execFileSync(process.execPath, ['--input-type=module'], { input: bundle, encoding: 'utf8' });
  } catch (error) {
    ({ stdout, status } = error as { stdout: string; status: number });
  }
  const parsed = parseGuestOutput(stdout);
  const results = parsed.results.filter((r): r is CheckResult => typeof (r as CheckResult).name === 'string');
  const collected = (parsed.results.find((r) => 'collected' in (r as object)) as { collected: string[] }).collected;
  return { status, results, collected, byName: new Map(results.map((r) => [r.name, r])) };
}

describe('the guest spec runner', () => {
  it('runs a spec file as vitest does: hooks, each, skip, expect, failures with their messages', async () => {
    const { status, byName, collected } = await runFixture([{ name: 'sample', path: fixture }]);
    expect(status).toBe(1);
    expect(collected).toEqual([
      'sample > outer > passes',
      'sample > outer > fails',
      'sample > outer > row 1 is one',
      'sample > outer > row 2 is two',
      'sample > outer > skips',
      'sample > outer > matches thrown objects and rejections',
      'sample > broken setup > never runs',
      'sample > named > ran the hooks in order',
    ]);
    const ok = (name: string) => byName.get(`sample > ${name}`)?.ok;
    for (const name of [
      'outer > passes',
      'outer > row 1 is one',
      'outer > row 2 is two',
      'named > ran the hooks in order',
    ])
      expect(ok(name), name).toBe(true);
    expect(byName.get('sample > outer > matches thrown objects and rejections')).toMatchObject({ ok: true });
    expect(byName.get('sample > outer > fails')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('AssertionError'),
    });
    expect(byName.get('sample > outer > skips')).toMatchObject({ ok: true, detail: 'skipped: not here' });
    expect(byName.get('sample > broken setup > never runs')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('beforeAll: Error: setup failed'),
    });
  });

  it('fails a spec file that cannot be imported, and one that registers no test', async () => {
    const { status, results } = await runFixture([
      { name: 'missing', path: `${runnerDir}/no-such-file.ts` },
      { name: 'empty', path: `${runnerDir}/spec-tree.ts` },
    ]);
    expect(status).toBe(1);
    expect(results.map((r) => [r.name, r.ok])).toEqual([
      ['missing > (while collecting)', false],
      ['empty > (no tests)', false],
    ]);
  });
});
