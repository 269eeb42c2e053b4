import { mkdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface MountedSecret {
  /** `<dir>/<key>`, the path a pod reads (a symlink through `..data`). */
  file: string;
  /** Publishes a new content the kubelet's way. */
  publish(content: string): void;
}

/**
 * Lays out `dir` as the kubelet lays out a Secret volume (its AtomicWriter): each version in its own
 * `..<timestamp>` directory, `..data` a symlink to the current one, replaced by renaming a new symlink over it,
 * and `<key> -> ..data/<key>`.
 */
export function mountedSecret(dir: string, key: string, content: string): MountedSecret {
  let generation = 0;
  const publish = (text: string) => {
    const version = `..2026_12_08_00_00_${String(++generation).padStart(2, '0')}.${process.pid}`;
    mkdirSync(join(dir, version));
    writeFileSync(join(dir, version, key), text);
    symlinkSync(version, join(dir, '..data_tmp'));
    renameSync(join(dir, '..data_tmp'), join(dir, '..data'));
  };
  publish(content);
  symlinkSync(`..data/${key}`, join(dir, key));
  return { file: join(dir, key), publish };
}
