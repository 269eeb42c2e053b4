import { closeSync } from 'node:fs';
import type { BatchReadAddon } from './native-batch.js';

/** What a {@link WriteWatch} drain found. */
export interface WriteWatchSink {
  /** `path` (a watched directory's file) was written. */
  written(path: string): void;
  /** `path` was created, removed or renamed: a descriptor held on it reads another file than the path names. */
  replaced(path: string): void;
  /** The watched directory `dir` is gone (removed; maybe recreated): its files are new ones. */
  gone(dir: string): void;
  /** The kernel dropped events (queue overflow): anything may have been written. */
  overflow(): void;
}

type WatchCalls = Required<Pick<BatchReadAddon, 'watchAdd' | 'watchDrain' | 'watchRemove'>>;

const IN_MODIFY = 0x2;
const IN_Q_OVERFLOW = 0x4000;
const IN_IGNORED = 0x8000;
/** `struct inotify_event`: wd, mask, cookie, len, then `len` bytes of NUL-padded name. */
const EVENT_HEADER = 16;

/**
 * Writes to the files of watched directories, from an inotify instance the addon opened: the kernel queues
 * IN_MODIFY during each write(2) to a cgroup file (any writer in this cgroup namespace: `runc update`, an
 * operator, an orchestrator), so {@link drain} at the start of a sample reports every write that completed
 * before it. Watches cost kernel memory (fs.inotify.max_user_watches): one per directory.
 */
export class WriteWatch {
  readonly #addon: WatchCalls;
  readonly #fd: number;
  readonly #wdByDir = new Map<string, number>();
  readonly #dirByWd = new Map<number, string>();
  readonly #buffer = Buffer.allocUnsafe(16 * 1024);

  private constructor(addon: WatchCalls, fd: number) {
    this.#addon = addon;
    this.#fd = fd;
  }

  /** A watch, or undefined when the addon predates it or the kernel refuses an instance. */
  static open(addon: BatchReadAddon | null | undefined): WriteWatch | undefined {
    const { watchOpen, watchAdd, watchDrain, watchRemove } = addon ?? {};
    if (watchOpen === undefined || watchAdd === undefined || watchDrain === undefined || watchRemove === undefined)
      return undefined;
    const fd = watchOpen();
    return fd < 0 ? undefined : new WriteWatch({ watchAdd, watchDrain, watchRemove }, fd);
  }

  /** Whether writes to `dir`'s files are watched (a watch is added on first use); false when the kernel refuses. */
  watch(dir: string): boolean {
    if (this.#wdByDir.has(dir)) return true;
    const wd = this.#addon.watchAdd(this.#fd, dir);
    if (wd < 0) return false;
    // inotify gives one wd per inode: a directory watched under two names shares it; the newest name wins.
    const previous = this.#dirByWd.get(wd);
    if (previous !== undefined) this.#wdByDir.delete(previous);
    this.#wdByDir.set(dir, wd);
    this.#dirByWd.set(wd, dir);
    return true;
  }

  /** Whether any directory is watched. */
  get watching(): boolean {
    return this.#wdByDir.size > 0;
  }

  /** Stops watching the directories under `prefix` (with its trailing slash) or that are `prefix` without it. */
  unwatch(prefix: string): void {
    const dir = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
    for (const [watched, wd] of [...this.#wdByDir]) {
      if (watched !== dir && !watched.startsWith(prefix)) continue;
      this.#wdByDir.delete(watched);
      this.#dirByWd.delete(wd);
      this.#addon.watchRemove(this.#fd, wd);
    }
  }

  /** Reports what was queued since the last drain; cheap (one system call) when nothing was. */
  drain(sink: WriteWatchSink): void {
    for (;;) {
      const n = this.#addon.watchDrain(this.#fd, this.#buffer);
      if (n <= 0) {
        if (n < 0) sink.overflow(); // the instance failed: trust nothing kept
        return;
      }
      this.#report(n, sink);
    }
  }

  #report(n: number, sink: WriteWatchSink): void {
    const b = this.#buffer;
    for (let at = 0; at + EVENT_HEADER <= n; ) {
      const wd = b.readInt32LE(at);
      const mask = b.readUInt32LE(at + 4);
      const length = b.readUInt32LE(at + 12);
      const nameEnd = at + EVENT_HEADER + length;
      if (mask & IN_Q_OVERFLOW) sink.overflow();
      const dir = this.#dirByWd.get(wd);
      if (dir !== undefined) {
        if (mask & IN_IGNORED) {
          this.#dirByWd.delete(wd);
          if (this.#wdByDir.get(dir) === wd) this.#wdByDir.delete(dir);
          sink.gone(dir);
        } else if (length > 0) {
          const zero = b.indexOf(0, at + EVENT_HEADER);
          const name = b.toString('latin1', at + EVENT_HEADER, zero < 0 || zero > nameEnd ? nameEnd : zero);
          if (mask & IN_MODIFY) sink.written(`${dir}/${name}`);
          else sink.replaced(`${dir}/${name}`);
        }
      }
      at = nameEnd;
    }
  }

  close(): void {
    this.#wdByDir.clear();
    this.#dirByWd.clear();
    try {
      closeSync(this.#fd);
    } catch {
      // already closed
    }
  }
}
