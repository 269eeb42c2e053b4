import { spawn } from 'node:child_process';

export interface QemuRun {
  /** Serial console (stdout) followed by QEMU's own stderr. */
  console: string;
  stderr: string;
  /** QEMU's exit status; null when it was killed. */
  status: number | null;
  timedOut: boolean;
}

/**
 * Runs QEMU to completion or kills it (SIGKILL) after `timeoutMs`, and when the host process exits, so a
 * hung guest can never hang the test run. Rejects only when QEMU cannot be started.
 */
export function runQemu(binary: string, args: readonly string[], timeoutMs: number): Promise<QemuRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const kill = () => child.kill('SIGKILL');
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, timeoutMs);
    process.once('exit', kill);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      process.off('exit', kill);
      const hint = e.code === 'ENOENT' ? ': apt-get install -y qemu-system-x86' : '';
      reject(new Error(`cannot start ${binary}${hint} (${e.message})`));
    });
    child.once('close', (status) => {
      clearTimeout(timer);
      process.off('exit', kill);
      resolve({
        console: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        status,
        timedOut,
      });
    });
  });
}
