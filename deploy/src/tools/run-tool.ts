import { spawnSync } from 'node:child_process';

export interface ToolRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr, for assertion messages. */
  output: string;
}

/** Runs a tool to completion; a tool that is not installed fails with the Debian package to install. */
export function runTool(
  command: string,
  args: readonly string[],
  options: { cwd?: string; input?: string; install?: string } = {},
): ToolRun {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    input: options.input,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (result.error !== undefined) {
    const hint = options.install === undefined ? '' : ` (install it: ${options.install})`;
    throw new Error(`cannot run ${command}${hint}: ${result.error.message}`);
  }
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    output: `${result.stdout}${result.stderr}`,
  };
}
