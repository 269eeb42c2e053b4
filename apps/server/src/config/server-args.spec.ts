import { readFileSync } from 'node:fs';
import { defaultRoots, SETTING_KEYS } from '@katamon/composition';
import { configPath, parseServerArgs, parseServerFlags, resolveServerArgs } from './server-args.js';
import { fileKey, SERVER_OPTIONS } from './server-options.js';
import { serverOptionsTable, serverUsage } from './server-usage.js';

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

describe('resolveServerArgs: flag > environment variable > config file > default', () => {
  const file = (settings: Record<string, unknown>) => ({ path: '/etc/katamon/katamon.json', settings });

  it('takes each option from the first source that sets it', () => {
    const args = resolveServerArgs(
      parseServerFlags(['--port', '1']),
      { KATAMON_PORT: '2', KATAMON_HOST: '0.0.0.0', KATAMON_LOG_REQUESTS: 'true', KATAMON_ROOT: '/e1::/e2' },
      file({ port: 3, host: '::1', maxAge: 0, root: ['/f'], logLevel: 'warn', tokenFile: '/t', crunRoot: ['/c'] }),
    );
    expect(args).toMatchObject({
      port: 1,
      host: '0.0.0.0',
      logRequests: true,
      maxAgeMs: 0,
      logLevel: 'warn',
      tokenFile: '/t',
      roots: { runc: '/e1:/e2', crun: '/c' },
      streamBufferBytes: 262144,
    });
  });

  it("reads plugins from the flags or KATAMON_PLUGINS (the file's are loaded by the plugin loader)", () => {
    expect(resolveServerArgs(parseServerFlags([]), { KATAMON_PLUGINS: 'a:./b.js' }).plugins).toEqual(['a', './b.js']);
    expect(resolveServerArgs(parseServerFlags(['--plugin', 'c']), { KATAMON_PLUGINS: 'a' }).plugins).toEqual(['c']);
  });

  it('finds the config file through --config or KATAMON_CONFIG', () => {
    expect(configPath(parseServerFlags(['--config', '/a.json']), { KATAMON_CONFIG: '/b.json' })).toBe('/a.json');
    expect(configPath(parseServerFlags([]), { KATAMON_CONFIG: '/b.json' })).toBe('/b.json');
    expect(configPath(parseServerFlags([]), { KATAMON_CONFIG: '' })).toBeUndefined();
  });

  it.each<[string, NodeJS.ProcessEnv, Record<string, unknown>, string]>([
    ['a variable', { KATAMON_PORT: 'x' }, {}, 'KATAMON_PORT must be an integer in 0..65535'],
    ['a boolean variable', { KATAMON_LOG_REQUESTS: 'yes' }, {}, 'KATAMON_LOG_REQUESTS must be true or false'],
    ['a choice', { KATAMON_LOG_LEVEL: 'loud' }, {}, 'KATAMON_LOG_LEVEL must be debug, info, warn or error'],
    [
      'a file number',
      {},
      { port: 1.5 },
      'config file /etc/katamon/katamon.json: "port" must be an integer in 0..65535',
    ],
    ['a file string', {}, { port: '9464' }, 'config file /etc/katamon/katamon.json: "port" must be an integer'],
    ['a file list', {}, { root: '/run/runc' }, '"root" must be a list of non-empty strings'],
    ['a file boolean', {}, { logRequests: 'true' }, '"logRequests" must be true or false'],
    ['an empty file string', {}, { host: '' }, '"host" must be a non-empty string'],
  ])('refuses a bad value from %s with one line naming it', (_what, env, settings, message) => {
    expect(() => resolveServerArgs(parseServerFlags([]), env, file(settings))).toThrow(
      expect.objectContaining({ kind: 'invalid-argument', message: expect.stringContaining(message) }),
    );
  });
});

describe('the option table', () => {
  it('is the table of apps/server/README.md', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const table = /<!-- server-options:start -->\s*\n([\s\S]*?)\n\s*<!-- server-options:end -->/.exec(readme)?.[1];
    // prettier aligns the columns of the README's copy: compare cell by cell.
    const cells = (text: string | undefined) =>
      (text ?? '').split('\n').map((row) => row.split(/(?<!\\)\|/).map((cell) => cell.trim()));
    expect(cells(table).filter((row) => !/^-+$/.test(row[1] ?? ''))).toEqual(
      cells(serverOptionsTable()).filter((row) => !/^-+$/.test(row[1] ?? '')),
    );
  });

  it('names config-file keys composition accepts, and the composition defaults for the roots', () => {
    for (const option of SERVER_OPTIONS) {
      const key = fileKey(option);
      if (key !== undefined && key !== 'plugins') expect(SETTING_KEYS.has(key), key).toBe(true);
    }
    const roots = SERVER_OPTIONS.filter((o) => o.root !== undefined);
    expect(roots.map((o) => o.root)).toEqual([
      'runc',
      'crun',
      'kata',
      'cgroup',
      'proc',
      'containerdRunc',
      'containerdState',
      'dockerExec',
      'dockerData',
      'podmanStorage',
    ]);
    for (const option of roots) expect(option.default, option.flag).toBe(defaultRoots[option.root!]);
  });

  it('prints every flag in --help with its variable', () => {
    const usage = serverUsage();
    for (const option of SERVER_OPTIONS) expect(usage).toContain(`--${option.flag}`);
    expect(usage).toContain('[KATAMON_PLUGINS]');
    expect(usage).toContain('--version');
  });
});
