/**
 * Writes the "newc" cpio format (magic 070701) the kernel unpacks an initramfs from. Written here rather
 * than shelling out to `cpio` so the archive is byte-reproducible and needs no staging directory.
 */

export type NewcEntry =
  | { kind: 'dir'; path: string; mode?: number }
  | { kind: 'file'; path: string; data: Uint8Array; mode?: number }
  | { kind: 'symlink'; path: string; target: string };

const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
const HEADER_LENGTH = 110;
const TRAILER = 'TRAILER!!!';

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');
const pad4 = (n: number): number => (4 - (n % 4)) % 4;

function header(fields: { ino: number; mode: number; nlink: number; size: number; nameSize: number }): string {
  // ino mode uid gid nlink mtime filesize devmajor devminor rdevmajor rdevminor namesize check
  return (
    '070701' +
    [fields.ino, fields.mode, 0, 0, fields.nlink, 0, fields.size, 0, 0, 0, 0, fields.nameSize, 0].map(hex8).join('')
  );
}

function record(ino: number, name: string, mode: number, nlink: number, data: Uint8Array): Uint8Array[] {
  const nameBytes = Buffer.from(name + '\0', 'utf8');
  if (data.length > 0xffffffff) throw new RangeError(`newc cannot hold ${name}: ${data.length} bytes exceed 4 GiB`);
  const head = Buffer.from(header({ ino, mode, nlink, size: data.length, nameSize: nameBytes.length }), 'ascii');
  const namePad = Buffer.alloc(pad4(HEADER_LENGTH + nameBytes.length));
  return [head, nameBytes, namePad, data, Buffer.alloc(pad4(data.length))];
}

/** Archive paths are relative to the root ("bin/sh", not "/bin/sh"), as `cpio -o` writes them. */
export function archivePath(path: string): string {
  const trimmed = path.replace(/^\/+/, '').replace(/\/+$/, '');
  if (trimmed === '' || trimmed.split('/').some((part) => part === '..' || part === '.' || part === '')) {
    throw new RangeError(`invalid archive path: ${JSON.stringify(path)}`);
  }
  return trimmed;
}

/**
 * Encodes `entries` (in order; parents must come before children, as the kernel creates them in order)
 * followed by the trailer. Returns chunks so large files are never copied into one buffer here.
 */
export function encodeNewc(entries: readonly NewcEntry[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let ino = 1;
  for (const entry of entries) {
    const name = archivePath(entry.path);
    switch (entry.kind) {
      case 'dir':
        chunks.push(...record(ino++, name, S_IFDIR | (entry.mode ?? 0o755), 2, new Uint8Array()));
        break;
      case 'file':
        chunks.push(...record(ino++, name, S_IFREG | (entry.mode ?? 0o644), 1, entry.data));
        break;
      case 'symlink':
        chunks.push(...record(ino++, name, S_IFLNK | 0o777, 1, Buffer.from(entry.target, 'utf8')));
        break;
    }
  }
  chunks.push(...record(0, TRAILER, 0, 1, new Uint8Array()));
  return chunks;
}

/** Every directory `path` needs, parents first ("a/b/c" → "a", "a/b"). */
export function parentDirs(path: string): string[] {
  const parts = archivePath(path).split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}
