import type { CliContext } from './cli-context.js';
import { runCli } from './run-cli.js';
import { createProcessKatamon } from './katamon/create-process-katamon.js';

// Exiting explicitly: stdout and stderr writes are synchronous here, and nothing may keep a stream alive.
const exitNow = (code: number): void => process.exit(code);

const ctx: CliContext = {
  env: process.env,
  // Created on first use only: process.stdout loads the tty/net/stream machinery, and lines go to fd 1.
  get stdout() {
    return process.stdout;
  },
  stdoutFd: 1,
  writeStderr: (text) => void process.stderr.write(text),
  createKatamon: createProcessKatamon,
  signals: process,
  programName: 'katamon',
};

runCli(ctx, process.argv.slice(2), exitNow).then(exitNow, (error: unknown) => {
  process.stderr.write(
    `katamon: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  exitNow(70);
});
