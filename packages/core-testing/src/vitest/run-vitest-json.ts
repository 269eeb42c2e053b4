import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface VitestTestResult {
  /** The test's own title (without its describe blocks). */
  title: string;
  status: 'passed' | 'failed' | 'skipped' | 'pending' | 'todo' | 'disabled';
  failureMessages: string[];
}

export interface VitestRun {
  /** The child's exit code: 0 when every test passed, 1 when one failed. */
  code: number | null;
  results: VitestTestResult[];
  stdout: string;
  stderr: string;
}

interface JsonReport {
  testResults: { assertionResults: VitestTestResult[] }[];
}

/** The entry point of the vitest installed beside this package (the one running the tests). */
export const INSTALLED_VITEST = join(
  dirname(createRequire(import.meta.url).resolve('vitest/package.json')),
  'vitest.mjs',
);

/**
 * Runs `vitest run` in a child process in `cwd` (with `args`: a config, file filters) and reads its JSON report:
 * how a suite's own failures look to whoever runs it. `vitest` is the entry point to run (default: the
 * one installed beside this package; another project passes its own `node_modules/vitest/vitest.mjs`), `env` its
 * environment (default: this process's). A plugin uses it to prove its suites fail a broken copy of its code.
 */
export async function runVitestJson(
  cwd: string,
  args: readonly string[] = [],
  vitest = INSTALLED_VITEST,
  timeoutMs = 300_000,
  env: NodeJS.ProcessEnv = process.env,
): Promise<VitestRun> {
  const dir = await mkdtemp(join(tmpdir(), 'katamon-vitest-report-'));
  const out = join(dir, 'report.json');
  try {
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve) => {
        execFile(
          process.execPath,
          [vitest, 'run', ...args, '--reporter=json', `--outputFile=${out}`],
          { cwd, timeout: timeoutMs, maxBuffer: 64 << 20, env: { ...env, CI: '1', FORCE_COLOR: '0' } },
          (error, stdout, stderr) =>
            resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr }),
        );
      },
    );
    let report: JsonReport;
    try {
      report = JSON.parse(await readFile(out, 'utf8')) as JsonReport;
    } catch (error) {
      throw new Error(`vitest wrote no report (exit ${code}): ${(error as Error).message}\n${stderr}`);
    }
    return { code, results: report.testResults.flatMap((f) => f.assertionResults), stdout, stderr };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
