import { statfsSync } from 'node:fs';
import { CGROUP2_SUPER_MAGIC, CGROUP_SUPER_MAGIC } from './cgroup-mounts.js';

/** Directories remembered before the memo starts over (a fleet's cgroups: a few per container). */
const MAX_DIRS = 65536;

/**
 * Which batches the native addon may read through io_uring: those whose files are all on cgroupfs, where a
 * read completes within the submitting system call. Other pseudo-files (procfs) would go to an io_uring
 * worker thread, which costs more than the preads it saves, so they keep one pread per file. One statfs per
 * directory, remembered until the directory is forgotten.
 */
export class RingDirs {
  readonly #byDir = new Map<string, boolean>();

  /** Whether every path of a batch is on cgroupfs. */
  all(paths: readonly string[]): boolean {
    for (const path of paths) if (!this.#onCgroupFs(path.slice(0, path.lastIndexOf('/') + 1))) return false;
    return true;
  }

  #onCgroupFs(dir: string): boolean {
    let known = this.#byDir.get(dir);
    if (known === undefined) {
      try {
        const { type } = statfsSync(dir);
        known = type === CGROUP_SUPER_MAGIC || type === CGROUP2_SUPER_MAGIC;
      } catch {
        // Gone: its reads fail anyway, with preads, and the plan is made again.
        return false;
      }
      if (this.#byDir.size >= MAX_DIRS) this.#byDir.clear();
      this.#byDir.set(dir, known);
    }
    return known;
  }

  /** Forgets the directories under `prefix` (with its trailing slash), or all. */
  forget(prefix?: string): void {
    if (prefix === undefined) this.#byDir.clear();
    else for (const dir of [...this.#byDir.keys()]) if (dir.startsWith(prefix)) this.#byDir.delete(dir);
  }
}
