import type { BatchReadAddon } from './native-batch.js';
import type { StaticFilesOptions } from './kept-files.js';
import type { ReadArea } from './read-areas.js';

export interface PseudoFileReaderOptions {
  /** Open descriptors kept at most; the least recently read is closed first. */
  maxOpenFiles?: number;
  /** Initial size of the shared read buffer; it doubles whenever a read fills it, up to `maxFileBytes` + 1. */
  initialBufferSize?: number;
  /** Largest file read, bytes (default 1 MiB); a longer one fails with kind `io` (EFBIG), alone. */
  maxFileBytes?: number;
  /**
   * Where files may be opened (default `KERNEL_AREAS`: cgroupfs below /sys/fs/cgroup, procfs below /proc).
   * Production code passes `cgroupArea(root)`/`procArea(root)` only; see ReadArea.
   */
  areas?: readonly ReadArea[];
  /**
   * How long `tryRead` remembers that a file does not exist, ms (default 10 s; 0 disables). Optional kernel
   * files that are absent stay absent (a v1 cgroup's file set is fixed at creation; v2 adds files when a
   * controller is enabled, hence a time bound rather than forever), and a failed open costs an exception.
   */
  missingTtlMs?: number;
  /**
   * Re-read the files of a `PseudoFileReader.batch` with one native call (default: the addon when it
   * was built, see native-batch.ts); `null` reads every file with `readSync`.
   */
  batchAddon?: BatchReadAddon | null;
  /**
   * Files that change only when someone changes them (limits, cpuset flags: `runc update`), not re-read
   * every time: with `refreshMs` > 0, re-read at most that often (a new value shows up at most that late);
   * with `refreshMs` 0, the `untilWritten` ones are kept until a write to them is seen (the addon's inotify
   * watch; without it, every read reads). Default: none, every read reads.
   */
  staticFiles?: StaticFilesOptions;
}
