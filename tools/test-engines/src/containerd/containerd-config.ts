import { PAUSE_IMAGE_REFERENCE } from '../oci/busybox-image.js';

export interface ContainerdPaths {
  root: string;
  state: string;
  address: string;
  /** Where the opt plugin installs into; its default is under /var/lib/containerd whatever `root` says. */
  opt?: string;
  /** CNI config and plugin dirs the CRI service watches (and creates); ours, even with default paths. */
  cniDir: string;
}

/** Snapshotters that only probe and fail here; disabling them keeps the log about what matters. */
const UNUSED_PLUGINS = [
  'io.containerd.snapshotter.v1.aufs',
  'io.containerd.snapshotter.v1.btrfs',
  'io.containerd.snapshotter.v1.devmapper',
  'io.containerd.snapshotter.v1.zfs',
];

const toml = (value: string) => JSON.stringify(value);

/**
 * containerd 1.6 config (version 2). With `cri`: the settings a CRI pod needs on this kind of host:
 * `restrict_oom_score_adj` (the CRI gives sandboxes oom_score_adj -998, which this kind of host refuses:
 * runc then fails with "can't get final child's PID from pipe"), and the pause image name.
 */
export function containerdConfig(paths: ContainerdPaths, cri: boolean, sandboxImage = PAUSE_IMAGE_REFERENCE): string {
  const disabled = cri ? UNUSED_PLUGINS : [...UNUSED_PLUGINS, 'io.containerd.grpc.v1.cri'];
  const lines = [
    'version = 2',
    `root = ${toml(paths.root)}`,
    `state = ${toml(paths.state)}`,
    `disabled_plugins = [${disabled.map(toml).join(', ')}]`,
    '',
    '[grpc]',
    `  address = ${toml(paths.address)}`,
    '',
    '[ttrpc]',
    `  address = ${toml(paths.address + '.ttrpc')}`,
  ];
  if (paths.opt) lines.push('', '[plugins."io.containerd.internal.v1.opt"]', `  path = ${toml(paths.opt)}`);
  if (cri) {
    lines.push(
      '',
      '[plugins."io.containerd.grpc.v1.cri"]',
      '  restrict_oom_score_adj = true',
      `  sandbox_image = ${toml(sandboxImage)}`,
      '',
      '[plugins."io.containerd.grpc.v1.cri".cni]',
      `  bin_dir = ${toml(paths.cniDir + '/bin')}`,
      `  conf_dir = ${toml(paths.cniDir + '/net.d')}`,
    );
  }
  return lines.join('\n') + '\n';
}
