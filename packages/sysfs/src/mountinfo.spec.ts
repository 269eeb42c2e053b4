import { readFileSync } from 'node:fs';
import { parseMountinfo, unescapeMountPath } from './mountinfo.js';
import { findCgroupMounts, v1Controllers } from './cgroup-mounts.js';
import { parseProcCgroup, resolveUnifiedPath, resolveV1Paths } from './proc-cgroup.js';
import { SysfsError } from './sysfs-error.js';

// A hybrid host with co-mounted cpu,cpuacct and a named hierarchy (typical systemd v1 layout).
const HYBRID = `22 1 0:21 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw
30 22 0:27 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755
31 30 0:28 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 rw,nsdelegate
32 30 0:29 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:11 - cgroup cgroup rw,xattr,name=systemd
35 30 0:32 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:15 - cgroup cgroup rw,cpu,cpuacct
36 30 0:33 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:16 - cgroup cgroup rw,memory
37 30 0:34 / /sys/fs/cgroup/cpuset rw,nosuid,nodev,noexec,relatime shared:17 - cgroup cgroup rw,cpuset,noprefix,release_agent=/x
38 30 0:35 / /mnt/with\\040space rw - ext4 /dev/vda1 rw
`;

describe('parseMountinfo', () => {
  it('parses fields, optional fields and escapes', () => {
    const entries = parseMountinfo(HYBRID);
    expect(entries).toHaveLength(8);
    expect(entries[2]).toMatchObject({
      mountId: 31,
      parentId: 30,
      fsType: 'cgroup2',
      mountPoint: '/sys/fs/cgroup/unified',
    });
    expect(entries[7]?.mountPoint).toBe('/mnt/with space');
    expect(unescapeMountPath('a\\134b\\011c')).toBe('a\\b\tc');
  });
  it('rejects a line without the separator', () => {
    expect(() => parseMountinfo('1 2 0:1 / /x rw shared:1 cgroup cgroup rw\n')).toThrow(SysfsError);
  });
  it('parses this host’s own mountinfo', () => {
    const entries = parseMountinfo(readFileSync('/proc/self/mountinfo', 'latin1'));
    expect(entries.some((e) => e.mountPoint === '/')).toBe(true);
  });
});

describe('findCgroupMounts', () => {
  it('maps co-mounted controllers, named hierarchies and the unified mount', () => {
    const mounts = findCgroupMounts(parseMountinfo(HYBRID));
    expect(mounts.unified).toEqual({
      mountPoint: '/sys/fs/cgroup/unified',
      root: '/',
    });
    expect(mounts.v1.get('cpu')?.mountPoint).toBe('/sys/fs/cgroup/cpu,cpuacct');
    expect(mounts.v1.get('cpuacct')?.mountPoint).toBe('/sys/fs/cgroup/cpu,cpuacct');
    expect(mounts.v1.get('name=systemd')?.mountPoint).toBe('/sys/fs/cgroup/systemd');
    expect(mounts.v1.get('cpuset')?.mountPoint).toBe('/sys/fs/cgroup/cpuset');
    expect([...mounts.v1.keys()].sort()).toEqual(['cpu', 'cpuacct', 'cpuset', 'memory', 'name=systemd']);
  });
  it('drops mount options that are not controllers', () => {
    expect(v1Controllers('rw,cpuset,noprefix,release_agent=/bin/x,clone_children')).toEqual(['cpuset']);
  });
  it('sees a pure v2 host as unified only', () => {
    const mounts = findCgroupMounts(
      parseMountinfo('29 22 0:26 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot\n'),
    );
    expect(mounts.v1.size).toBe(0);
    expect(mounts.unified?.mountPoint).toBe('/sys/fs/cgroup');
  });
});

describe('resolving a process’s cgroup directories', () => {
  const procCgroup = '12:cpu,cpuacct:/katamon/c1\n4:memory:/katamon/c1\n1:name=systemd:/user.slice\n0::/katamon/c1\n';
  it('joins each hierarchy path with its mount', () => {
    const mounts = findCgroupMounts(parseMountinfo(HYBRID));
    const entries = parseProcCgroup(procCgroup);
    expect(resolveV1Paths(entries, mounts)).toEqual({
      cpu: '/sys/fs/cgroup/cpu,cpuacct/katamon/c1',
      cpuacct: '/sys/fs/cgroup/cpu,cpuacct/katamon/c1',
      memory: '/sys/fs/cgroup/memory/katamon/c1',
      'name=systemd': '/sys/fs/cgroup/systemd/user.slice',
    });
    expect(resolveUnifiedPath(entries, mounts)).toBe('/sys/fs/cgroup/unified/katamon/c1');
  });
  it('strips the mount root inside a cgroup namespace', () => {
    const mounts = findCgroupMounts(
      parseMountinfo('40 30 0:31 /katamon /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n'),
    );
    expect(resolveV1Paths(parseProcCgroup('4:memory:/katamon/c1\n'), mounts)).toEqual({
      memory: '/sys/fs/cgroup/memory/c1',
    });
  });
  it('rejects a malformed line', () => {
    expect(() => parseProcCgroup('garbage\n')).toThrow(SysfsError);
  });
  it('resolves this process on this host', () => {
    const mounts = findCgroupMounts(parseMountinfo(readFileSync('/proc/self/mountinfo', 'latin1')));
    const paths = resolveV1Paths(parseProcCgroup(readFileSync('/proc/self/cgroup', 'latin1')), mounts);
    for (const dir of Object.values(paths))
      expect(readFileSync(`${dir}/cgroup.procs`, 'latin1')).toContain(`${process.pid}\n`);
  });
});
