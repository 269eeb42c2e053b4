import { readFileSync } from 'node:fs';

/**
 * `major:minor` → `/dev/<name>` from `/sys/dev/block/<major>:<minor>/uevent`, as cAdvisor labels
 * block devices. Remembered per process: device numbers do not change names while mounted.
 */
export function createDeviceNames(sysRoot = '/sys'): (major: bigint, minor: bigint) => string {
  const known = new Map<string, string>();
  return (major, minor) => {
    const key = `${major}:${minor}`;
    let name = known.get(key);
    if (name === undefined) {
      name = '';
      try {
        const match = /^DEVNAME=(.+)$/m.exec(readFileSync(`${sysRoot}/dev/block/${key}/uevent`, 'utf8'));
        if (match?.[1] !== undefined) name = `/dev/${match[1]}`;
      } catch {
        // Not a block device on this host (e.g. a device inside a Kata VM): leave the label blank.
      }
      if (known.size < 4096) known.set(key, name);
    }
    return name;
  };
}
