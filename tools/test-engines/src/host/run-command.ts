import { spawn } from 'node:child_process';

export interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
  /** Exit status; null when the command was killed (timeout) or could not start. */
  readonly code: number | null;
}

export interface CommandOptions {
  /** Written to stdin, then stdin is closed. */
  input?: string | Uint8Array;
  /** Killed (SIGKILL) after this long; default 60 s. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs a command to completion and never rejects: a missing binary is `code: null` with the reason in
 * `stderr`, so callers decide what is fatal.
 */
export function runCommand(argv: readonly string[], options: CommandOptions = {}): Promise<CommandResult> {
  const [file, ...args] = argv;
  if (!file) throw new RangeError('runCommand needs a command');
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 60_000);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => undefined); // the command may exit without reading its input
    child.stdin.end(options.input);
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve({ stdout: '', stderr: `cannot run ${file}: ${error.message}`, code: null });
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString('utf8');
      resolve({
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: timedOut ? `${stderr}\n(killed after ${options.timeoutMs ?? 60_000} ms)` : stderr,
        code,
      });
    });
  });
}

/** Like runCommand, but a non-zero exit is an error that quotes the command and its stderr. */
export async function runChecked(argv: readonly string[], options: CommandOptions = {}): Promise<string> {
  const result = await runCommand(argv, options);
  if (result.code !== 0) {
    const stderr = result.stderr.trim() || result.stdout.trim();
    throw new Error(`${argv.join(' ')} exited ${result.code ?? 'abnormally'}: ${stderr}`);
  }
  return result.stdout;
}
