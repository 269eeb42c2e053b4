import { readFile, stat } from 'node:fs/promises';
import { archivePath, encodeNewc, parentDirs, type NewcEntry } from './newc-archive.js';

/**
 * Collects the entries of one initramfs layer, creating each parent directory once, before its
 * children, as the kernel needs them.
 */
export class LayerBuilder {
  private readonly entries: NewcEntry[] = [];
  private readonly dirs = new Set<string>();
  private readonly names = new Set<string>();

  dir(path: string, mode = 0o755): this {
    const name = archivePath(path);
    for (const parent of [...parentDirs(name), name]) {
      if (this.dirs.has(parent)) continue;
      this.dirs.add(parent);
      this.entries.push({ kind: 'dir', path: parent, mode: parent === name ? mode : 0o755 });
    }
    return this;
  }

  file(path: string, data: Uint8Array, mode = 0o644): this {
    this.claim(path);
    this.entries.push({ kind: 'file', path: archivePath(path), data, mode });
    return this;
  }

  symlink(path: string, target: string): this {
    this.claim(path);
    this.entries.push({ kind: 'symlink', path: archivePath(path), target });
    return this;
  }

  /** Copies a host file to the same path (or `as`), keeping its permission bits. */
  async hostFile(hostPath: string, as = hostPath): Promise<this> {
    const [data, info] = await Promise.all([readFile(hostPath), stat(hostPath)]);
    return this.file(as, data, info.mode & 0o7777);
  }

  has(path: string): boolean {
    const name = archivePath(path);
    return this.names.has(name) || this.dirs.has(name);
  }

  encode(): Uint8Array[] {
    return encodeNewc(this.entries);
  }

  private claim(path: string): void {
    const name = archivePath(path);
    if (this.names.has(name)) throw new Error(`initramfs layer already holds ${name}`);
    this.names.add(name);
    for (const parent of parentDirs(name)) this.dir(parent);
  }
}
