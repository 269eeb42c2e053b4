import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { openSync, closeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { build } from 'esbuild';
import { PACKAGE_DIR } from '../package-dir.js';
import type { CleanupReport } from './cleanup-step.js';

let bundled: Promise<string> | undefined;

/** Node 20 cannot run TypeScript: the watchdog entry is bundled once per test process. */
function watchdogBundle(): Promise<string> {
  bundled ??= build({
    entryPoints: [join(PACKAGE_DIR, 'src/teardown/watchdog-main.ts')],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
  }).then((result) => {
    const [out] = result.outputFiles;
    if (!out) throw new Error('esbuild produced no watchdog bundle');
    return out.text;
  });
  return bundled;
}

/**
 * The test-process side of the watchdog (see watchdog-main.ts). The child runs in its own session, so the
 * terminal's Ctrl-C or a process-group kill aimed at the test runner does not stop it mid-cleanup, and it
 * is unref'd, so it never keeps the test process alive.
 */
export class Watchdog {
  private readonly waiting = new Map<string, (report: CleanupReport) => void>();
  private readonly exited: Promise<void>;

  private constructor(private readonly child: ChildProcessByStdio<Writable, Readable, null>) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.stdin.on('error', () => undefined); // a dead watchdog: `exited` rejects the request instead
    createInterface({ input: child.stdout }).on('line', (line) => {
      const { scope, report } = JSON.parse(line) as { scope: string; report: CleanupReport };
      this.waiting.get(scope)?.(report);
      this.waiting.delete(scope);
    });
    this.hold(false);
  }

  static async start(dir: string, journalPath: string): Promise<Watchdog> {
    const script = join(dir, 'watchdog.mjs');
    writeFileSync(script, await watchdogBundle());
    const log = openSync(join(dir, 'watchdog.log'), 'a');
    try {
      const child = spawn(process.execPath, [script, journalPath], {
        cwd: '/',
        detached: true,
        stdio: ['pipe', 'pipe', log],
      }) as ChildProcessByStdio<Writable, Readable, null>;
      return new Watchdog(child);
    } finally {
      closeSync(log);
    }
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  /** Runs the journal entries of one scope now and returns what could not be cleaned. */
  teardown(scope: string): Promise<CleanupReport> {
    if (this.waiting.has(scope)) throw new Error(`a teardown of ${scope} is already running`);
    return this.request(scope, () => this.child.stdin.write(`teardown ${scope}\n`));
  }

  /** Ends the watchdog: it tears down whatever is left (as it would after a crash), then exits. */
  async close(): Promise<void> {
    this.hold(true);
    this.child.stdin.end();
    await this.exited;
  }

  private async request(scope: string, send: () => void): Promise<CleanupReport> {
    this.hold(true);
    try {
      return await new Promise<CleanupReport>((resolve, reject) => {
        this.waiting.set(scope, resolve);
        this.exited.then(() => reject(new Error(`the watchdog exited during the teardown of ${scope}`)));
        send();
      });
    } finally {
      if (this.waiting.size === 0) this.hold(false);
    }
  }

  /** Keep the event loop alive only while we wait for an answer. */
  private hold(on: boolean): void {
    for (const handle of [this.child, this.child.stdin, this.child.stdout] as { ref(): void; unref(): void }[]) {
      if (on) handle.ref();
      else handle.unref();
    }
  }
}
