import { existsSync } from 'node:fs';
import type { OciImage } from './oci-archive.js';
import type { OciLayerEntry } from './oci-layer.js';

const BUSYBOX_CANDIDATES = ['/bin/busybox', '/usr/bin/busybox'];

/** Applets the workloads and tests use; each is a symlink to /bin/busybox in the image. */
export const BUSYBOX_APPLETS: readonly string[] = [
  'sh',
  'sleep',
  'cat',
  'head',
  'tail',
  'dd',
  'yes',
  'true',
  'false',
  'ls',
  'ps',
  'kill',
  'echo',
  'env',
  'hostname',
  'id',
  'mkdir',
  'rm',
  'seq',
  'tr',
  'wc',
];

export function findBusybox(): string {
  const found = BUSYBOX_CANDIDATES.find((p) => existsSync(p));
  if (!found) throw new Error('busybox-static is not installed (apt-get install busybox-static)');
  return found;
}

export interface BusyboxImageOptions {
  /** Default `docker.io/katamon/busybox:1`. */
  reference?: string;
  /** Default `sh`. */
  cmd?: string[];
  labels?: Record<string, string>;
}

/** A one-layer image of the host's static busybox with applet symlinks: enough for every workload here. */
export function busyboxImage(options: BusyboxImageOptions = {}): OciImage {
  const entries: OciLayerEntry[] = [
    { kind: 'file', path: 'bin/busybox', hostPath: findBusybox(), mode: 0o755 },
    ...BUSYBOX_APPLETS.map((applet): OciLayerEntry => ({ kind: 'symlink', path: `bin/${applet}`, target: 'busybox' })),
    ...['proc', 'sys', 'dev', 'etc', 'tmp'].map(
      (dir): OciLayerEntry => ({ kind: 'dir', path: dir, mode: dir === 'tmp' ? 0o1777 : 0o755 }),
    ),
    { kind: 'file', path: 'etc/passwd', data: 'root:x:0:0:root:/root:/bin/sh\n' },
    { kind: 'file', path: 'etc/group', data: 'root:x:0:\n' },
  ];
  return {
    reference: options.reference ?? 'docker.io/katamon/busybox:1',
    layers: [entries],
    config: {
      Cmd: options.cmd ?? ['sh'],
      Env: ['PATH=/bin'],
      ...(options.labels ? { Labels: options.labels } : {}),
    },
  };
}

/** The sandbox image containerd 1.6's CRI starts for every pod; here a busybox that sleeps forever. */
export const PAUSE_IMAGE_REFERENCE = 'registry.k8s.io/pause:3.6';

export function pauseImage(reference = PAUSE_IMAGE_REFERENCE): OciImage {
  return busyboxImage({ reference, cmd: ['sleep', '2147483647'] });
}
