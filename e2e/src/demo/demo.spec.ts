import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runcAvailable } from '@katamon/test-fixtures';

const workspace = join(import.meta.dirname, '..', '..', '..');

// The README's main job (`npm run demo`) is what a new user runs first: it must work as written.
describe('the main job: npm run demo', () => {
  beforeAll(() =>
    expect(!runcAvailable(), 'missing prerequisite: run .ci/run (root, runc, busybox-static)').toBe(false),
  );

  it('runs on a real container to the end and shows every command it announces', () => {
    const run = spawnSync('bash', [join(workspace, 'tools', 'demo', 'run-demo.sh')], {
      cwd: workspace,
      encoding: 'utf8',
      timeout: 180_000,
    });
    expect(run.error).toBeUndefined();
    expect(run.status, run.stderr).toBe(0);
    for (const heading of [
      '# katamon list',
      '# katamon events --stats',
      '# katamon events --stats --schema runc',
      '# katamon events --interval 1s',
      '# katamon top --no-stream',
    ]) {
      expect(run.stdout).toContain(heading);
    }
    // One kata-schema and one runc-schema event, each a complete JSON line for the demo's container.
    const events = run.stdout.split('\n').filter((line) => line.startsWith('{"type":"stats"'));
    expect(events).toHaveLength(2);
    for (const line of events)
      expect(JSON.parse(line)).toMatchObject({ type: 'stats', id: expect.stringMatching(/^katamon-demo-/) });
    // The stream part printed at least one pretty event, and top a row for the container.
    expect(run.stdout).toMatch(/^\s+"type": "stats",$/m);
    expect(run.stdout).toMatch(/^katamon-demo\S*\s+katamon-demo\S*\s+runc\s+\d+\.\d+%/m);
  }, 200_000);
});
