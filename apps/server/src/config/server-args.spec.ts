import { parseServerArgs } from './server-args.js';

describe('parseServerArgs', () => {
  it('defaults to loopback without auth or TLS', () => {
    const args = parseServerArgs([]);
    expect(args).toMatchObject({
      host: '127.0.0.1',
      port: 9464,
      plugins: [],
      maxAgeMs: 1000,
      streamBufferBytes: 262144,
    });
    expect(args.tokenFile).toBeUndefined();
    expect(args.tlsCert).toBeUndefined();
  });

  it('takes repeated plugins and roots', () => {
    const args = parseServerArgs([
      '--plugin',
      './a.js',
      '--plugin',
      'b',
      '--root',
      '/a',
      '--root',
      '/b',
      '--cgroup-root',
      '/c',
      '--port',
      '0',
    ]);
    expect(args.plugins).toEqual(['./a.js', 'b']);
    expect(args.roots).toEqual({ runc: '/a:/b', cgroup: '/c' });
    expect(args.port).toBe(0);
  });

  it('takes the engines’ roots and discovery', () => {
    const args = parseServerArgs(['--docker-exec-root', '/de', '--docker-data-root', '/dd', '--discover', 'docker']);
    expect(args.roots).toEqual({ dockerExec: '/de', dockerData: '/dd' });
    expect(args.discover).toEqual(['docker']);
    expect(parseServerArgs(['--discover', 'none']).discover).toEqual([]);
    expect(parseServerArgs([]).discover).toBe('all');
    expect(() => parseServerArgs(['--discover', 'dockr'])).toThrow('--discover: "dockr" is not one of all, none');
  });

  it.each([
    [['--port', '70000']],
    [['--port', '-1']],
    [['--tls-cert', 'c.pem']],
    [['--log-level', 'loud']],
    [['--port', '1e3']],
    [['--bogus']],
    [['positional']],
  ])('refuses %j', (argv) => {
    expect(() => parseServerArgs(argv)).toThrow(expect.objectContaining({ kind: 'invalid-argument' }));
  });
});
