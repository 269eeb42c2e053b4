import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface JsonReport {
  testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
}

// The conformance suite is only worth shipping if it catches broken sources: run it on a broken copy.
describe('the conformance suite on a deliberately broken source', () => {
  const pkg = join(import.meta.dirname, '..');
  const out = join(mkdtempSync(join(tmpdir(), 'katamon-broken-')), 'report.json');
  const vitest = join(createRequire(import.meta.url).resolve('vitest/package.json'), '../vitest.mjs');
  const run = spawnSync(
    process.execPath,
    [vitest, 'run', '--config', 'conformance/vitest.broken.config.mts', '--reporter=json', `--outputFile=${out}`],
    { cwd: pkg, encoding: 'utf8', timeout: 120_000 },
  );
  const report = JSON.parse(readFileSync(out, 'utf8')) as JsonReport;
  const results = report.testResults.flatMap((f) => f.assertionResults);
  const failed = (title: string) => results.find((r) => r.title.includes(title) && r.status === 'failed');

  it('fails the run', () => {
    expect(run.status).not.toBe(0);
  });

  it.each([
    ['never throws from probe', /no pid/],
    ['collects a valid partial Stats', /bigint|counter/i],
    ['signal is already aborted', /collect resolved despite an aborted signal/],
    ['vanished', /expected 'io' to be 'gone'/],
  ])('flags "%s" with a useful message', (title, message) => {
    const result = failed(title);
    expect(result, `"${title}" should fail`).toBeDefined();
    expect(result?.failureMessages.join('\n')).toMatch(message);
  });
});
