import { checkContainerRef } from './check-container-ref.js';

const good = {
  id: 'web-1',
  runtime: 'podman',
  resolver: 'json-file',
  status: 'running',
  pid: 42,
  created: '2024-05-01T10:00:00Z',
  cgroup: { version: 1, paths: { memory: '/sys/fs/cgroup/memory/web', cpuacct: '/sys/fs/cgroup/cpuacct/web' } },
  netnsPath: '/proc/42/ns/net',
  sandbox: { id: 'sb', agentUrl: 'vsock://3:1024', stateDir: '/run/vc/sbs/sb' },
  labels: { app: 'web' },
};

describe(checkContainerRef, () => {
  it('copies every known field of a valid ref and leaves unknown ones out', () => {
    const checked = checkContainerRef({ ...good, extra: 'x' }, 'json-file');
    expect(checked).toEqual({ ok: true, ref: good });
    expect(checkContainerRef({ ...good, cgroup: { version: 2, path: '/sys/fs/cgroup/x' } }, 'json-file').ok).toBe(true);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['another resolver', { resolver: 'runc' }, 'ref.resolver: expected "json-file"'],
    ['an unknown status', { status: 'zombie' }, 'ref.status: expected one of created,running,paused,stopped,unknown'],
    ['an id with a slash', { id: '../etc' }, 'ref.id: not a valid container id'],
    ['an id of 2000 characters', { id: 'a'.repeat(2000) }, 'ref.id: longer than 1024 characters'],
    ['a pid of 0', { pid: 0 }, 'ref.pid: not a pid (an integer in 1..4194304)'],
    ['a string pid', { pid: '42' }, 'ref.pid: not a pid (an integer in 1..4194304)'],
    ['a relative cgroup', { cgroup: { version: 2, path: 'sys/fs' } }, 'ref.cgroup.path: not an absolute path'],
    [
      'a cgroup path with ..',
      { cgroup: { version: 1, paths: { memory: '/sys/fs/cgroup/memory/../../etc' } } },
      'ref.cgroup.paths.memory: has a "." or ".." component',
    ],
    ['a NUL in netnsPath', { netnsPath: '/proc/1/ns/net\0' }, 'ref.netnsPath: not an absolute path'],
    ['a number label', { labels: { a: 1 } }, 'ref.labels.a: not a string'],
    ['a bad date', { created: 'yesterday' }, 'ref.created: not a date'],
    ['an empty runtime', { runtime: '' }, 'ref.runtime: empty'],
  ])('rejects %s', (_what, change, problem) => {
    expect(checkContainerRef({ ...good, ...change }, 'json-file')).toEqual({ ok: false, problem });
  });

  it('bounds label sets and keeps a `__proto__` label a plain entry', () => {
    const labels = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, 'v']));
    expect(checkContainerRef({ ...good, labels }, 'json-file')).toEqual({
      ok: false,
      problem: 'ref.labels: more than 256 labels',
    });
    const proto = JSON.parse('{"__proto__": "x"}') as Record<string, string>;
    const checked = checkContainerRef({ ...good, labels: proto }, 'json-file');
    expect(checked.ok && Object.getPrototypeOf(checked.ref.labels)).toBe(Object.prototype);
    expect(checked.ok && Object.keys(checked.ref.labels ?? {})).toEqual(['__proto__']);
  });

  it('names where a ref sits in a list', () => {
    expect(checkContainerRef(null, 'r', 'list()[3]')).toEqual({ ok: false, problem: 'list()[3]: not an object' });
  });
});
