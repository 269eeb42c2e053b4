/**
 * The generated guest entry of a spec run: the runner first (it installs the vitest globals), then each spec
 * file imported in turn under its own root suite, then the run. A file that fails to import fails its suite.
 */
export function renderSpecEntry(runnerDir: string, specs: readonly { name: string; path: string }[]): string {
  const lines = [
    `import { beginFile } from ${JSON.stringify(`${runnerDir}/spec-api.ts`)};`,
    `import { runSpecFiles } from ${JSON.stringify(`${runnerDir}/run-spec-files.ts`)};`,
  ];
  for (const spec of specs) {
    lines.push(
      `{ const file = beginFile(${JSON.stringify(spec.name)});`,
      `  try { await import(${JSON.stringify(spec.path)}); } catch (error) { file.collectError = error; } }`,
    );
  }
  // Workloads a failed test left behind must not keep node alive; the exit status says if all passed.
  lines.push('process.exit((await runSpecFiles()) ? 0 : 1);', '');
  return lines.join('\n');
}
