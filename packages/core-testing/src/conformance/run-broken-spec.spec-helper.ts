import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runVitestJson, type VitestTestResult } from '../vitest/run-vitest-json.js';

const repo = join(import.meta.dirname, '..', '..', '..', '..');

export interface BrokenRun {
  /** The child vitest's exit status. */
  code: number | null;
  /** Titles of the failed tests, sorted. */
  failed: string[];
  /** The failure messages of one test, joined. */
  message(title: string): string;
  results: Record<string, VitestTestResult>;
}

/**
 * Runs a spec file's text in a child vitest (in a temp folder, with the workspace's settings) and returns what
 * failed and why: how a plugin author sees a suite fail their broken code.
 */
export async function runBrokenSpec(specText: string): Promise<BrokenRun> {
  const dir = await mkdtemp(join(tmpdir(), 'katamon-conformance-'));
  try {
    await writeFile(join(dir, 'broken.spec.ts'), specText);
    await writeFile(
      join(dir, 'vitest.config.mjs'),
      `import { defineProject } from ${JSON.stringify(join(repo, 'tools', 'vitest.shared.mjs'))};\n` +
        `export default defineProject(${JSON.stringify(dir)}, 'broken', { include: ['*.spec.ts'] });\n`,
    );
    const run = await runVitestJson(dir, ['--root', dir]);
    const results = Object.fromEntries(run.results.map((r) => [r.title, r]));
    return {
      code: run.code,
      failed: run.results
        .filter((r) => r.status === 'failed')
        .map((r) => r.title)
        .sort(),
      message: (title) => results[title]?.failureMessages.join('\n') ?? '',
      results,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
