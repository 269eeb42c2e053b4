import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

// A newcomer's machine without runc or busybox-static: the demo says, in one line, what to run.
describe('npm run demo on a machine without its prerequisites', () => {
  it('names what is missing and the one command that installs it, and starts nothing', () => {
    // A PATH with the tools the script uses, but neither runc nor busybox.
    const bin = mkdtempSync(join(tmpdir(), 'katamon-demo-path-'));
    try {
      for (const tool of ['bash', 'id', 'ldd', 'sed', 'node', 'mktemp', 'od', 'tr', 'dirname', 'cat'])
        symlinkSync(
          spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim(),
          join(bin, tool),
        );
      const run = spawnSync('bash', [join(workspace, 'tools', 'demo', 'run-demo.sh')], {
        cwd: workspace,
        encoding: 'utf8',
        env: { PATH: bin },
        timeout: 60_000,
      });
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(
        'katamon demo: missing runc, busybox-static; run: sudo bash tools/setup/setup.sh --demo\n',
      );
      expect(run.status).toBe(2);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
