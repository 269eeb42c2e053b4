import { join } from 'node:path';
import { runVitestJson, type VitestRun } from '@katamon/core-testing';

// The conformance suite is only worth shipping if it catches broken sources: run it on a broken copy.
describe('the conformance suite on a deliberately broken source', () => {
  const pkg = join(import.meta.dirname, '..');
  let run: VitestRun;
  beforeAll(async () => {
    run = await runVitestJson(pkg, ['--config', 'conformance/vitest.broken.config.mts']);
  }, 300_000);
  const failed = (title: string) => run.results.find((r) => r.title.includes(title) && r.status === 'failed');

  it('fails the run', () => {
    expect(run.code).not.toBe(0);
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
