import { defaultRoots, resolveRoots, splitRootList } from './default-roots.js';

describe(resolveRoots, () => {
  it('applies overrides over the defaults, ignoring empty ones, and adds new roles', () => {
    const roots = resolveRoots({ runc: '/tmp/a:/tmp/b', proc: '', cgroup: undefined, podman: '/run/containers' });
    expect(roots).toEqual({ ...defaultRoots, runc: '/tmp/a:/tmp/b', podman: '/run/containers' });
    expect(Object.isFrozen(roots)).toBe(true);
    expect(defaultRoots.runc).toBe('/run/runc');
  });
});

describe(splitRootList, () => {
  it.each([
    ['/run/runc', ['/run/runc']],
    ['/run/runc:/run/user/0/runc', ['/run/runc', '/run/user/0/runc']],
    [':/a::/b:', ['/a', '/b']],
    ['', []],
    [undefined, []],
  ])('%s', (value, parts) => expect(splitRootList(value)).toEqual(parts));
});
