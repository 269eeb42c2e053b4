import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { busyboxImage, pauseImage } from './busybox-image.js';
import { dockerFamiliarName, ociImageArchive } from './oci-archive.js';
import { layerEntries } from './oci-layer.js';

const hex = (data: Buffer) => 'sha256:' + createHash('sha256').update(data).digest('hex');

describe('ociImageArchive', () => {
  let dir: string;
  beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), 'katamon-oci-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const unpack = async (compression: 'gzip' | 'none') => {
    const archive = await ociImageArchive({ ...busyboxImage(), compression });
    const out = join(dir, compression);
    execFileSync('mkdir', ['-p', out]);
    writeFileSync(join(out, 'image.tar'), archive.tar);
    execFileSync('tar', ['-xf', 'image.tar'], { cwd: out });
    const blob = (digest: string) => readFileSync(join(out, 'blobs/sha256', digest.replace('sha256:', '')));
    const json = (file: string) => JSON.parse(readFileSync(join(out, file), 'utf8'));
    return { archive, out, blob, json };
  };

  it('links index → manifest → config and layers by digests that match the blobs', async () => {
    const { archive, blob, json } = await unpack('gzip');
    expect(json('oci-layout')).toEqual({ imageLayoutVersion: '1.0.0' });
    const [entry] = json('index.json').manifests;
    expect(entry.annotations['org.opencontainers.image.ref.name']).toBe('docker.io/katamon/busybox:1');
    expect(entry.digest).toBe(archive.manifestDigest);
    const manifestBytes = blob(entry.digest);
    expect(hex(manifestBytes)).toBe(entry.digest);
    const manifest = JSON.parse(manifestBytes.toString());
    expect(hex(blob(manifest.config.digest))).toBe(manifest.config.digest);
    const config = JSON.parse(blob(manifest.config.digest).toString());
    const [layer] = manifest.layers;
    expect(layer.mediaType).toBe('application/vnd.oci.image.layer.v1.tar+gzip');
    expect(hex(blob(layer.digest))).toBe(layer.digest);
    // diff_ids name the uncompressed tar: what Docker and containerd check after unpacking.
    expect(config.rootfs.diff_ids).toEqual([hex(gunzipSync(blob(layer.digest)))]);
    expect(config.config.Cmd).toEqual(['sh']);
  });

  it('carries a docker-archive manifest.json over the same blobs, for docker load', async () => {
    const { archive, out, json } = await unpack('none');
    const [docker] = json('manifest.json');
    expect(docker.RepoTags).toEqual(['katamon/busybox:1']);
    expect(docker.Config).toBe(`blobs/sha256/${archive.configDigest.replace('sha256:', '')}`);
    const layerTar = readFileSync(join(out, docker.Layers[0]));
    const listing = execFileSync('tar', ['-tvf', '-'], { input: layerTar, encoding: 'utf8' });
    expect(listing).toMatch(/^lrwxrwxrwx 0\/0 +0 1970-01-01 00:00 bin\/sh -> busybox$/m);
    expect(listing).toMatch(/^-rwxr-xr-x 0\/0 +\d+ 1970-01-01 00:00 bin\/busybox$/m);
  });

  it('is reproducible: same image, same digests', async () => {
    const [a, b] = await Promise.all([ociImageArchive(pauseImage()), ociImageArchive(pauseImage())]);
    expect(a.tar.equals(b.tar)).toBe(true);
    expect(a.reference).toBe('registry.k8s.io/pause:3.6');
  });

  it('names images as Docker lists them', () => {
    expect(dockerFamiliarName('docker.io/library/busybox:1')).toBe('busybox:1');
    expect(dockerFamiliarName('docker.io/katamon/busybox:1')).toBe('katamon/busybox:1');
    expect(dockerFamiliarName('registry.k8s.io/pause:3.6')).toBe('registry.k8s.io/pause:3.6');
  });

  it('creates each parent directory once, before its children, and rejects duplicates', () => {
    const ordered = layerEntries([
      { kind: 'file', path: 'usr/bin/x', data: Buffer.from('x') },
      { kind: 'dir', path: 'usr', mode: 0o700 },
    ]);
    expect(ordered.map((e) => [e.path, e.kind])).toEqual([
      ['usr', 'dir'],
      ['usr/bin', 'dir'],
      ['usr/bin/x', 'file'],
    ]);
    expect(ordered[0]).toMatchObject({ mode: 0o700 });
    expect(() =>
      layerEntries([
        { kind: 'dir', path: 'a' },
        { kind: 'dir', path: '/a/' },
      ]),
    ).toThrow(/twice/);
  });
});
