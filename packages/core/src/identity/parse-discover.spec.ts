import { parseDiscover } from './parse-discover.js';

describe(parseDiscover, () => {
  it.each([
    [undefined, 'all'],
    ['all', 'all'],
    ['none', []],
    ['docker', ['docker']],
    ['docker, containerd,kata', ['docker', 'containerd', 'kata']],
  ])('%j', (value, expected) => expect(parseDiscover(value)).toEqual(expected));

  it('names an unknown engine', () => {
    expect(() => parseDiscover('docker,dockr')).toThrow(
      '"dockr" is not one of all, none, runc, crun, containerd, docker, podman, cri-o, kata',
    );
  });
});
