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
