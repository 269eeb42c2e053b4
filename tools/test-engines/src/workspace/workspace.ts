import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CleanupReport, CleanupStep } from '../teardown/cleanup-step.js';
import { Watchdog } from '../teardown/watchdog.js';

/**
 * A private directory for one or more engines, with a cleanup journal and a watchdog that runs it. Every
 * start of something that must be undone is recorded before it can leak; teardown is the journal replayed,
 * by the watchdog process, whether the test asked for it or died.
 */
export interface Workspace {
  /** Random, lowercase: safe in names, namespaces and cgroup paths. */
  readonly id: string;
  readonly dir: string;
  /** A directory in the workspace, created. */
  subdir(...parts: string[]): string;
  /** A scope name for one engine, unique in the workspace (`docker`, `docker-2`, …): also its subdir. */
  scope(engine: string): string;
  record(scope: string, step: CleanupStep): void;
  /** Runs the scope's journal entries; rejects listing what was left on the host. */
  teardown(scope: string): Promise<void>;
  /** Tears everything down and ends the watchdog; rejects listing what was left. */
  close(): Promise<void>;
  readonly watchdogPid: number;
}

export function randomId(): string {
  return randomBytes(4).toString('hex');
}

function check(scope: string, report: CleanupReport): void {
  if (report.errors.length > 0) {
    throw new Error(`teardown of ${scope} left the host dirty: ${report.errors.join('; ')}`);
  }
}

export async function createWorkspace(label: string): Promise<Workspace> {
  const id = randomId();
  // Short: Podman refuses a runroot over 50 characters, and socket paths stop at 108.
  const dir = join(tmpdir(), `katamon-${label}-${id}`);
  mkdirSync(dir, { mode: 0o711 });
  const journal = join(dir, 'cleanup.jsonl');
  const record = (scope: string, step: CleanupStep) => appendFileSync(journal, JSON.stringify({ scope, step }) + '\n');
  record('workspace', { kind: 'unmount', dir });
  record('workspace', { kind: 'remove', path: dir });
  const watchdog = await Watchdog.start(dir, journal);
  let closed: Promise<void> | undefined;
  const scopes = new Map<string, number>();
  return {
    id,
    dir,
    watchdogPid: watchdog.pid,
    subdir(...parts) {
      const path = join(dir, ...parts);
      mkdirSync(path, { recursive: true });
      return path;
    },
    scope(engine) {
      const n = (scopes.get(engine) ?? 0) + 1;
      scopes.set(engine, n);
      return n === 1 ? engine : `${engine}-${n}`;
    },
    record,
    async teardown(scope) {
      check(scope, await watchdog.teardown(scope));
    },
    close() {
      closed ??= (async () => {
        const report = await watchdog.teardown('*');
        await watchdog.close();
        check(label, report);
      })();
      return closed;
    },
  };
}
