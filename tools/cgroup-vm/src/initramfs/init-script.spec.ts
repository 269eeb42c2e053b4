import { execFileSync } from 'node:child_process';
import { renderInitScript } from './init-script.js';

describe('renderInitScript', () => {
  const script = renderInitScript({
    mode: 'v2',
    modules: ['/lib/modules/virtio.ko', '/lib/modules/virtio_blk.ko'],
    hugepages: 16,
    waitForDevice: '/dev/vda',
  });

  it('is valid sh', () => {
    expect(() => execFileSync('sh', ['-n'], { input: script })).not.toThrow();
  });

  it('loads modules in the given order, before enabling controllers and running the bundle', () => {
    const at = (s: string) => script.indexOf(s);
    expect(at('insmod /lib/modules/virtio.ko')).toBeGreaterThan(at('mount -t cgroup2'));
    expect(at('insmod /lib/modules/virtio_blk.ko')).toBeGreaterThan(at('insmod /lib/modules/virtio.ko'));
    expect(at('+hugetlb')).toBeGreaterThan(at('mount -t cgroup2'));
    expect(at('nr_hugepages')).toBeGreaterThan(at('-b /dev/vda'));
    expect(at('/usr/bin/node /bundle.mjs')).toBeGreaterThan(at('nr_hugepages'));
    expect(at('poweroff -f')).toBeGreaterThan(at('/usr/bin/node /bundle.mjs'));
  });

  it('arms a watchdog that powers the guest off, in the background', () => {
    const guarded = renderInitScript({ mode: 'v2', modules: [], hugepages: 0, watchdogSeconds: 90.5 });
    expect(guarded).toContain('(sleep 91; echo "@@katamon-init watchdog: powering off"; poweroff -f) &');
    expect(() => execFileSync('sh', ['-n'], { input: guarded })).not.toThrow();
  });

  it('reserves no huge pages, loads no modules and arms no watchdog unless asked', () => {
    const bare = renderInitScript({ mode: 'v2', modules: [], hugepages: 0 });
    expect(bare).not.toContain('watchdog');
    expect(bare).not.toContain('insmod');
    expect(bare).not.toContain('nr_hugepages');
    expect(bare).not.toContain('/dev/vda');
  });

  it('hybrid: one v1 hierarchy per controller on a tmpfs, an empty cgroup2 at unified, no v2 controllers', () => {
    const hybrid = renderInitScript({ mode: 'hybrid', modules: [], hugepages: 0 });
    expect(() => execFileSync('sh', ['-n'], { input: hybrid })).not.toThrow();
    expect(hybrid).toContain('mount -t tmpfs -o mode=755 cgroup /sys/fs/cgroup');
    for (const c of ['cpu', 'cpuacct', 'memory', 'pids', 'blkio', 'cpuset', 'hugetlb'])
      expect(hybrid).toContain(`mount -t cgroup -o ${c} cgroup /sys/fs/cgroup/${c} `);
    expect(hybrid).toContain('mount -t cgroup2 cgroup2 /sys/fs/cgroup/unified');
    expect(hybrid).not.toContain('subtree_control');
    expect(hybrid.indexOf('/usr/bin/node /bundle.mjs')).toBeGreaterThan(hybrid.indexOf('/sys/fs/cgroup/unified'));
  });
});
