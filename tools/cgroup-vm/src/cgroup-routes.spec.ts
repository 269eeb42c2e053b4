import { hostCgroupMode, routeCgroupSuites } from '../../cgroup-routes.mjs';

const line = (mountPoint: string, type: string, options = 'rw') =>
  `31 23 0:28 / ${mountPoint} rw,relatime shared:9 - ${type} ${type === 'tmpfs' ? 'tmpfs' : 'cgroup'} ${options}`;
const ROOT = '22 1 8:1 / / rw,relatime - ext4 /dev/vda1 rw';

describe(hostCgroupMode, () => {
  it('tells hybrid, legacy, unified and none apart by the mounted filesystem types', () => {
    const hybrid = [ROOT, line('/sys/fs/cgroup', 'tmpfs'), line('/sys/fs/cgroup/memory', 'cgroup', 'rw,memory')];
    expect(hostCgroupMode([...hybrid, line('/sys/fs/cgroup/unified', 'cgroup2')].join('\n'))).toBe('hybrid');
    expect(hostCgroupMode(hybrid.join('\n'))).toBe('legacy');
    expect(hostCgroupMode([ROOT, line('/sys/fs/cgroup', 'cgroup2', 'rw,nsdelegate')].join('\n'))).toBe('unified');
    expect(hostCgroupMode(ROOT)).toBe('none');
  });

  it('reads a mount point with spaces and optional fields without mistaking them for the type', () => {
    const odd = '40 30 0:31 / /mnt/with\\040space rw shared:1 master:2 - cgroup2 cgroup2 rw';
    expect(hostCgroupMode(`${ROOT}\n${odd}\n`)).toBe('unified');
  });
});

describe(routeCgroupSuites, () => {
  it.each([
    ['hybrid', { v1: 'host', v2: 'vm' }],
    ['legacy', { v1: 'host', v2: 'vm' }],
    ['unified', { v1: 'vm', v2: 'host' }],
    ['none', { v1: 'vm', v2: 'vm' }],
  ] as const)('%s host: %j', (mode, routes) => {
    expect(routeCgroupSuites(mode)).toEqual(routes);
  });

  it('KATAMON_CGROUP_V1 forces the v1 route either way, and rejects anything else', () => {
    expect(routeCgroupSuites('hybrid', { KATAMON_CGROUP_V1: 'vm' }).v1).toBe('vm');
    expect(routeCgroupSuites('unified', { KATAMON_CGROUP_V1: 'host' }).v1).toBe('host');
    expect(routeCgroupSuites('hybrid', { KATAMON_CGROUP_V1: '' }).v1).toBe('host');
    expect(() => routeCgroupSuites('hybrid', { KATAMON_CGROUP_V1: 'VM' })).toThrow('must be vm or host');
  });
});
