import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statfsSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RuncContainer } from '@katamon/test-fixtures';

const CGROUP_ROOT = '/sys/fs/cgroup';
const TMPFS_MAGIC = 0x01021994;

/**
 * A FIFO at `path` whose writer comes a few seconds later with `text`: a reader that waits for a writer gets a
 * valid answer late (and fails the test that expects a refusal), one that does not wait is refused at once. The
 * writer goes into `writers`, to be killed after the test.
 */
export function lateFifo(path: string, text: string, writers: ChildProcess[]): string {
  execFileSync('mkfifo', [path]);
  writers.push(spawn('sh', ['-c', `sleep 5; echo '${text}' > '${path}'`], { stdio: 'ignore' }));
  return path;
}

/** What a planted file is: a FIFO, a link to /dev/zero, a /dev/zero device node, a link to a file, or text. */
export type Planted = 'fifo' | 'zero-link' | 'zero-node' | { link: string } | { text: string };

/** The v1 memory files a sample reads first, and the freezer's: enough for every reader to meet a planted one. */
export const MEMORY_FILES = [
  'memory.stat',
  'memory.usage_in_bytes',
  'memory.max_usage_in_bytes',
  'memory.failcnt',
  'memory.limit_in_bytes',
  'memory.use_hierarchy',
];

/**
 * Hostile cgroup trees and state files next to a real runc container: each state file is the container's own
 * `state.json` (its real pid and start time, so katamon sees a running container) with cgroup paths
 * rewritten. Trees are planted in a temp dir (outside the cgroup root) or in the hybrid host's cgroup root
 * itself, a root-only tmpfs that holds the v1 hierarchies (below the root, but not cgroupfs). Everything is
 * removed by {@link cleanup}.
 */
export class HostileStates {
  /** A file whose text must never show up in katamon's output. */
  readonly secret: string;
  readonly secretText: string;
  readonly outside: string;
  readonly #planted: string[] = [];
  readonly #states: string[] = [];

  constructor(
    readonly container: RuncContainer,
    readonly suffix: string,
  ) {
    this.outside = mkdtempSync(join(tmpdir(), 'katamon-e2e-hostile-'));
    this.secretText = `root:$6$katamon-secret-${suffix}:19000:0:99999:7:::`;
    this.secret = join(this.outside, 'shadow');
    writeFileSync(this.secret, `${this.secretText}\n`);
  }

  /** Whether the host's cgroup root is the hybrid layout's tmpfs (where trees can be planted below the root). */
  static hybridRoot(): boolean {
    return statfsSync(CGROUP_ROOT).type === TMPFS_MAGIC;
  }

  /** A directory with `files`, in the temp dir (`where: 'outside'`) or below the cgroup root. */
  plant(name: string, files: Readonly<Record<string, Planted>>, where: 'outside' | 'cgroup-root'): string {
    const dir =
      where === 'outside' ? join(this.outside, name) : join(CGROUP_ROOT, `katamon-e2e-${name}-${this.suffix}`);
    mkdirSync(dir, { recursive: true });
    if (where === 'cgroup-root') this.#planted.push(dir);
    for (const [file, what] of Object.entries(files)) {
      const path = join(dir, file);
      if (what === 'fifo') execFileSync('mkfifo', [path]);
      else if (what === 'zero-link') symlinkSync('/dev/zero', path);
      else if (what === 'zero-node') execFileSync('mknod', [path, 'c', '1', '5']);
      else if ('link' in what) symlinkSync(what.link, path);
      else writeFileSync(path, what.text);
    }
    return dir;
  }

  /**
   * `<root>/<id>/state.json`: the container's state with `cgroupPaths` merged into its `cgroup_paths` (or
   * `text` as the whole file). Returns the file.
   */
  state(id: string, cgroupPaths: Readonly<Record<string, string>>, text?: string): string {
    const { root } = this.container;
    const real = JSON.parse(readFileSync(join(root, this.container.id, 'state.json'), 'utf8')) as {
      id: string;
      cgroup_paths: Record<string, string>;
    };
    real.id = id;
    Object.assign(real.cgroup_paths, cgroupPaths);
    const dir = join(root, id);
    mkdirSync(dir);
    this.#states.push(dir);
    const file = join(dir, 'state.json');
    writeFileSync(file, text ?? JSON.stringify(real));
    return file;
  }

  cleanup(): void {
    for (const dir of this.#states.splice(0)) rmSync(dir, { recursive: true, force: true });
    for (const dir of this.#planted.splice(0)) rmSync(dir, { recursive: true, force: true });
    rmSync(this.outside, { recursive: true, force: true });
  }
}
