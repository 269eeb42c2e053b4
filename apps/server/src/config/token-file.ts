import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Logger } from '@katamon/core';
import { checkToken } from './read-start-files.js';

/** How often the file is read anyway, should a change not be reported (a watch that failed, a remount). */
const POLL_MS = 10_000;
/** Events of one update (kubelet: new dir, `..data_tmp` symlink, rename to `..data`) are read once. */
const SETTLE_MS = 50;

/**
 * The `--token-file` token, re-read when the file changes. A mounted Kubernetes Secret changes by an atomic
 * swap of the `..data` symlink in its directory, so the directory is watched (which also sees an edited or
 * replaced plain file), with a slow poll behind it. A new file that is not a presentable token is logged and
 * the previous token stays in force: a bad rotation never locks every client out, nor lets every client in.
 */
export class TokenFile {
  private token: string;
  private watcher: FSWatcher | undefined;
  private readonly poll: NodeJS.Timeout;
  private settle: NodeJS.Timeout | undefined;
  private reading: Promise<void> = Promise.resolve();

  constructor(
    private readonly path: string,
    initial: string,
    private readonly logger: Logger,
  ) {
    this.token = initial;
    try {
      this.watcher = watch(dirname(path), { persistent: false }, () => this.changed());
      this.watcher.on('error', (error) => {
        this.logger.warn('token file watch failed; polling only', { path, err: String(error) });
        this.watcher?.close();
        this.watcher = undefined;
      });
    } catch (error) {
      this.logger.warn('cannot watch the token file; polling only', { path, err: String(error) });
    }
    this.poll = setInterval(() => this.reload(), POLL_MS).unref();
  }

  /** The token in force. */
  current(): string {
    return this.token;
  }

  /** Resolves once every read started so far is done (tests, shutdown). */
  settled(): Promise<void> {
    return this.reading;
  }

  close(): void {
    clearInterval(this.poll);
    clearTimeout(this.settle);
    this.watcher?.close();
  }

  private changed(): void {
    clearTimeout(this.settle);
    this.settle = setTimeout(() => this.reload(), SETTLE_MS).unref();
  }

  private reload(): void {
    this.reading = this.reading.then(async () => {
      let text: string;
      try {
        text = await readFile(this.path, 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        this.logger.warn('token file unreadable; keeping the previous token', { path: this.path, code });
        return;
      }
      const problem = checkToken(text.trim());
      if (problem !== undefined) {
        this.logger.warn(`token file ${problem}; keeping the previous token`, { path: this.path });
        return;
      }
      if (text.trim() === this.token) return;
      this.token = text.trim();
      this.logger.info('token file changed; new token in force', { path: this.path, file: basename(this.path) });
    });
  }
}
