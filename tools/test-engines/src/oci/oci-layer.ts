import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { encodeTar, tarPath, type TarEntry } from './tar-archive.js';

/** One entry of an image layer: `data` inline, or `hostPath` read when the layer is built. */
export type OciLayerEntry =
  | { kind: 'dir'; path: string; mode?: number }
  | { kind: 'file'; path: string; data: Uint8Array | string; mode?: number }
  | { kind: 'file'; path: string; hostPath: string; mode?: number }
  | { kind: 'symlink'; path: string; target: string };

export type LayerCompression = 'gzip' | 'none';

/** A layer blob with the two digests an image needs: of the blob (manifest) and of the tar (diff_ids). */
export interface OciLayerBlob {
  readonly blob: Buffer;
  readonly digest: string;
  readonly diffId: string;
  readonly mediaType: string;
}

export const sha256 = (data: Uint8Array): string => 'sha256:' + createHash('sha256').update(data).digest('hex');

async function toTarEntry(entry: OciLayerEntry): Promise<TarEntry> {
  if (entry.kind !== 'file') return entry;
  if ('hostPath' in entry) {
    const [data, info] = await Promise.all([readFile(entry.hostPath), stat(entry.hostPath)]);
    return { kind: 'file', path: entry.path, data, mode: entry.mode ?? info.mode & 0o7777 };
  }
  const data = typeof entry.data === 'string' ? Buffer.from(entry.data) : entry.data;
  return { kind: 'file', path: entry.path, data, mode: entry.mode };
}

/**
 * Orders entries as a layer needs them: every parent directory once (created 0755 unless listed), before
 * its children; a path listed twice is an error rather than a silent overwrite.
 */
export function layerEntries(entries: readonly TarEntry[]): TarEntry[] {
  const byPath = new Map<string, TarEntry>();
  for (const entry of entries) {
    const path = tarPath(entry.path);
    if (byPath.has(path)) throw new Error(`layer lists ${path} twice`);
    byPath.set(path, { ...entry, path });
  }
  const ordered: TarEntry[] = [];
  const placed = new Set<string>();
  const place = (path: string): void => {
    if (placed.has(path)) return;
    placed.add(path);
    const slash = path.lastIndexOf('/');
    if (slash > 0) place(path.slice(0, slash));
    ordered.push(byPath.get(path) ?? { kind: 'dir', path, mode: 0o755 });
  };
  for (const path of [...byPath.keys()].sort()) place(path);
  return ordered;
}

/** Builds one layer: a reproducible tar (fixed owner, mtime 0, sorted) and, by default, gzip'd. */
export async function buildLayer(
  entries: readonly OciLayerEntry[],
  compression: LayerCompression = 'gzip',
): Promise<OciLayerBlob> {
  const tar = Buffer.concat(encodeTar(layerEntries(await Promise.all(entries.map(toTarEntry)))));
  const blob = compression === 'gzip' ? gzipSync(tar, { level: 6 }) : tar;
  return {
    blob,
    digest: sha256(blob),
    diffId: sha256(tar),
    mediaType: `application/vnd.oci.image.layer.v1.tar${compression === 'gzip' ? '+gzip' : ''}`,
  };
}
