import { joinPath } from './default-reader.js';

describe(joinPath, () => {
  it('joins without doubling a slash, the same on a repeated (memoized) call', () => {
    expect(joinPath('/sys/fs/cgroup/memory/c1', 'memory.stat')).toBe('/sys/fs/cgroup/memory/c1/memory.stat');
    expect(joinPath('/sys/fs/cgroup/memory/c1/', 'memory.stat')).toBe('/sys/fs/cgroup/memory/c1/memory.stat');
    const dir = ['/sys/fs/cgroup', 'cpu', 'c2'].join('/');
    const first = joinPath(dir, 'cpu.stat');
    expect(joinPath(`${dir}`, 'cpu.stat')).toBe(first);
    expect(joinPath(dir, 'cpu.shares')).toBe('/sys/fs/cgroup/cpu/c2/cpu.shares');
  });
});
