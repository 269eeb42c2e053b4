import { writeFile } from 'node:fs/promises';
import { buildLayer, sha256, type LayerCompression, type OciLayerEntry } from './oci-layer.js';
import { encodeTar, type TarEntry } from './tar-archive.js';

/** The runtime part of an image config (OCI image-spec `config`), as engines read it. */
export interface OciRuntimeConfig {
  Entrypoint?: string[];
  Cmd?: string[];
  Env?: string[];
  WorkingDir?: string;
  User?: string;
  Labels?: Record<string, string>;
  StopSignal?: string;
}

export interface OciImage {
  /**
   * The full reference, as engines normalise it (`docker.io/local/busybox:1`, `registry.k8s.io/pause:3.6`):
   * containerd and the CRI look images up by this exact string.
   */
  reference: string;
  /** Bottom layer first. */
  layers: readonly (readonly OciLayerEntry[])[];
  config?: OciRuntimeConfig;
  /** Docker 20.10 and containerd both take gzip'd and plain layers; default gzip. */
  compression?: LayerCompression;
  /** GOARCH name; default the host's. */
  architecture?: string;
}

const GOARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm', s390x: 's390x' };
const EPOCH = '1970-01-01T00:00:00Z';

/** `docker.io/library/x:1` → `x:1`, `docker.io/local/x:1` → `local/x:1`: the name Docker lists. */
export function dockerFamiliarName(reference: string): string {
  return reference.replace(/^docker\.io\/(library\/)?/, '');
}

export interface OciArchive {
  /** The tar bytes: an OCI image layout and a docker-archive index over the same blobs. */
  readonly tar: Buffer;
  readonly reference: string;
  /** `sha256:…` of the config blob: Docker's image id and containerd's target config. */
  readonly configDigest: string;
  readonly manifestDigest: string;
}

/**
 * Builds an image archive that `ctr images import`, `docker load` (20.10) and `podman load` all accept:
 * `oci-layout` + `index.json` (whose `org.opencontainers.image.ref.name` names the image) for the OCI
 * readers, `manifest.json` (docker-archive: config and layer paths, `RepoTags`) for Docker, both over one
 * `blobs/sha256/` directory.
 */
export async function ociImageArchive(image: OciImage): Promise<OciArchive> {
  const layers = [];
  for (const entries of image.layers) layers.push(await buildLayer(entries, image.compression));
  const config = Buffer.from(
    JSON.stringify({
      created: EPOCH,
      architecture: image.architecture ?? GOARCH[process.arch] ?? process.arch,
      os: 'linux',
      config: image.config ?? {},
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
      history: layers.map(() => ({ created: EPOCH, created_by: '@katamon/test-engines' })),
    }),
  );
  const configDigest = sha256(config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length },
      layers: layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.blob.length })),
    }),
  );
  const manifestDigest = sha256(manifest);
  const index = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: manifestDigest,
        size: manifest.length,
        annotations: { 'org.opencontainers.image.ref.name': image.reference },
      },
    ],
  };
  const blobPath = (digest: string) => `blobs/sha256/${digest.slice('sha256:'.length)}`;
  const dockerIndex = [
    {
      Config: blobPath(configDigest),
      RepoTags: [dockerFamiliarName(image.reference)],
      Layers: layers.map((l) => blobPath(l.digest)),
    },
  ];
  const blobs = new Map<string, Buffer>([
    [configDigest, config],
    [manifestDigest, manifest],
  ]);
  for (const layer of layers) blobs.set(layer.digest, layer.blob);
  const entries: TarEntry[] = [
    { kind: 'file', path: 'oci-layout', data: Buffer.from(JSON.stringify({ imageLayoutVersion: '1.0.0' })) },
    { kind: 'file', path: 'index.json', data: Buffer.from(JSON.stringify(index)) },
    { kind: 'file', path: 'manifest.json', data: Buffer.from(JSON.stringify(dockerIndex)) },
    { kind: 'dir', path: 'blobs' },
    { kind: 'dir', path: 'blobs/sha256' },
    ...[...blobs].map(([digest, data]): TarEntry => ({ kind: 'file', path: blobPath(digest), data })),
  ];
  return { tar: Buffer.concat(encodeTar(entries)), reference: image.reference, configDigest, manifestDigest };
}

/** Writes the archive to `path` and returns what was written. */
export async function writeOciImageArchive(path: string, image: OciImage): Promise<OciArchive> {
  const archive = await ociImageArchive(image);
  await writeFile(path, archive.tar);
  return archive;
}
