/**
 * Writes POSIX tar (ustar, with a PAX header for what ustar cannot hold) for image layers and image
 * archives. Written here rather than shelling out to `tar` so the bytes, and so the digests, depend on the
 * entries only: fixed owner, mtime and order.
 */

export type TarEntry =
  | { kind: 'dir'; path: string; mode?: number }
  | { kind: 'file'; path: string; data: Uint8Array; mode?: number }
  | { kind: 'symlink'; path: string; target: string };

const BLOCK = 512;
const TYPE_FLAG = { file: '0', symlink: '2', dir: '5', pax: 'x' } as const;

/** Tar paths are relative ("bin/sh"), directories end in "/" as GNU and Go write them. */
export function tarPath(path: string): string {
  const trimmed = path.replace(/^\/+/, '').replace(/\/+$/, '');
  if (trimmed === '' || trimmed.split('/').some((part) => part === '..' || part === '.' || part === '')) {
    throw new RangeError(`invalid tar path: ${JSON.stringify(path)}`);
  }
  return trimmed;
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function fits(text: string, max: number): boolean {
  return Buffer.byteLength(text) <= max && !/[^\x20-\x7e]/.test(text);
}

/** Splits a path into ustar's prefix (155) and name (100) fields, or returns null when it cannot. */
function splitUstar(name: string): { prefix: string; name: string } | null {
  if (fits(name, 100)) return { prefix: '', name };
  for (let i = name.indexOf('/'); i !== -1; i = name.indexOf('/', i + 1)) {
    const prefix = name.slice(0, i);
    const rest = name.slice(i + 1);
    if (fits(prefix, 155) && fits(rest, 100)) return { prefix, name: rest };
  }
  return null;
}

interface Header {
  name: string;
  mode: number;
  size: number;
  type: string;
  linkname: string;
}

function headerBlock(h: Header, split: { prefix: string; name: string }): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(split.name, 0, 100, 'utf8');
  block.write(octal(h.mode & 0o7777, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii'); // uid
  block.write(octal(0, 8), 116, 'ascii'); // gid
  block.write(octal(h.size, 12), 124, 'ascii');
  block.write(octal(0, 12), 136, 'ascii'); // mtime: the epoch, for reproducible digests
  block.write(h.type, 156, 'ascii');
  block.write(h.linkname.slice(0, 100), 157, 100, 'utf8');
  block.write('ustar\u000000', 257, 'ascii');
  block.write(split.prefix, 345, 155, 'utf8');
  block.fill(' ', 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(octal(sum, 7) + ' ', 148, 'ascii');
  return block;
}

/** One PAX record: "<len> <key>=<value>\n", where len counts itself. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) length++;
  return `${length}${body}`;
}

function padding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

function record(h: Header, data: Uint8Array): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let split = splitUstar(h.name);
  const longLink = !fits(h.linkname, 100);
  if (split === null || longLink) {
    const pax = Buffer.from(
      (split === null ? paxRecord('path', h.name) : '') + (longLink ? paxRecord('linkpath', h.linkname) : ''),
    );
    const paxName = { prefix: '', name: 'PaxHeaders/' + h.name.slice(-80).replace(/^\/+/, '') };
    chunks.push(headerBlock({ name: '', mode: 0o644, size: pax.length, type: TYPE_FLAG.pax, linkname: '' }, paxName));
    chunks.push(pax, padding(pax.length));
    split ??= { prefix: '', name: h.name.slice(0, 100) };
  }
  chunks.push(headerBlock(h, split), data, padding(data.length));
  return chunks;
}

/** Encodes `entries` in order, then the two zero blocks that end an archive. */
export function encodeTar(entries: readonly TarEntry[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  const empty = new Uint8Array();
  for (const entry of entries) {
    const name = tarPath(entry.path);
    switch (entry.kind) {
      case 'dir':
        chunks.push(
          ...record({ name: name + '/', mode: entry.mode ?? 0o755, size: 0, type: TYPE_FLAG.dir, linkname: '' }, empty),
        );
        break;
      case 'file':
        chunks.push(
          ...record(
            { name, mode: entry.mode ?? 0o644, size: entry.data.length, type: TYPE_FLAG.file, linkname: '' },
            entry.data,
          ),
        );
        break;
      case 'symlink':
        chunks.push(...record({ name, mode: 0o777, size: 0, type: TYPE_FLAG.symlink, linkname: entry.target }, empty));
        break;
    }
  }
  chunks.push(Buffer.alloc(2 * BLOCK));
  return chunks;
}
