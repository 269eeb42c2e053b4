import { KatamonError, type ContainerRef, type Katamon } from '@katamon/core';
import { fakeKatamon, harness, ref, sample } from './testing/cli-harness.js';

const FULL_ID = 'abc0123456789';

describe('katamon events (in process, fake Katamon)', () => {
  it('--stats prints one kata event with the full id for a prefix', async () => {
    const { katamon, calls } = fakeKatamon([ref(FULL_ID)]);
    const h = harness(katamon);
    expect(await h.run(['events', '--stats', 'abc'])).toBe(0);
    const lines = h.text().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('');
    expect(JSON.parse(lines[0] as string)).toMatchObject({ type: 'stats', id: FULL_ID });
    expect(h.err).toEqual([]);
    expect(calls.closed).toBe(1);
  });

  it.each([
    [['events', 'nope'], 'Container ID (nope) does not exist\n', 1],
    [['events', 'stopped'], 'Container ID (stopped) does not exist\n', 1],
    [['events', 'ab'], 'multiple containers found (ab)\n', 1],
    [['events', '--stats'], 'container id cannot be empty\n', 1],
    [['events', '--interval', '0s', 'abc'], 'duration interval must be greater than 0\n', 1],
    [['events', 'a/b'], 'invalid container ID format\n', 1],
    [
      ['--log-level', 'loud', 'events', 'abc'],
      'invalid value "loud" for flag -log-level: must be one of debug, info, warn, error\n',
      1,
    ],
  ])('%j fails: %j, exit %d, empty stdout', async (args, line, code) => {
    const { katamon } = fakeKatamon([ref(FULL_ID), ref('abd'), ref('stopped', 'stopped')], undefined, undefined);
    katamon.resolve = (async (q: string) => {
      if (q.includes('/')) throw new KatamonError('invalid-argument', 'invalid container ID format');
      return fakeKatamon([ref(FULL_ID), ref('abd'), ref('stopped', 'stopped')]).katamon.resolve(q);
    }) as Katamon['resolve'];
    const h = harness(katamon);
    expect(await h.run(args)).toBe(code);
    expect(h.err.join('')).toBe(line);
    expect(h.text()).toBe('');
  });

  it('in kata/runc schemas a sample with issues prints no event and fails --stats; full prints it', async () => {
    const broken = (r: ContainerRef) => sample(r.id, [{ source: 'netns', kind: 'io', message: 'EACCES' }]);
    const { katamon } = fakeKatamon([ref(FULL_ID)], undefined, broken);
    const h = harness(katamon);
    expect(await h.run(['events', '--stats', FULL_ID])).toBe(1);
    expect(h.err.join('')).toBe('unable to get container stats: netns: EACCES\n');
    expect(h.text()).toBe('');
    const full = harness(katamon);
    expect(await full.run(['events', '--stats', '--schema', 'full', FULL_ID])).toBe(0);
    expect(full.text()).toContain('EACCES');
  });

  it('streams samples and oom, logs errors on stderr, and ends with exit 0 when the container is gone', async () => {
    const { katamon, calls } = fakeKatamon([ref(FULL_ID)], (id) => [
      { type: 'sample', sample: sample(id) },
      { type: 'error', id, kind: 'io', message: 'read failed' },
      { type: 'oom', id },
      { type: 'end', id, reason: 'gone' },
    ]);
    const h = harness(katamon);
    expect(await h.run(['events', '--interval', '200ms', FULL_ID])).toBe(0);
    expect(calls.streams[0]?.intervalMs).toBe(200);
    const lines = h.text().trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(`{"type":"oom","id":"${FULL_ID}"}`);
    const stderr = h.err.join('');
    expect(stderr).toMatch(/level=error msg="read failed" container=abc0123456789/);
    expect(stderr).toMatch(/is gone/);
  });

  it('a sample where a source saw the container vanish logs nothing of its own before the gone line', async () => {
    const vanishing = sample(FULL_ID, [{ source: 'netns', kind: 'gone', message: 'network namespace is gone' }]);
    const { katamon } = fakeKatamon([ref(FULL_ID)], (id) => [
      { type: 'sample', sample: vanishing },
      { type: 'end', id, reason: 'gone' },
    ]);
    const h = harness(katamon);
    expect(await h.run(['events', FULL_ID])).toBe(0);
    expect(h.text()).toBe('');
    expect(h.err).toHaveLength(1);
    expect(h.err[0]).toMatch(/level=warn msg="container abc0123456789 is gone/);
  });

  it('caps an interval beyond what Node timers hold (Go allows 2562047h)', async () => {
    const { katamon, calls } = fakeKatamon([ref(FULL_ID)], (id) => [{ type: 'end', id, reason: 'gone' }]);
    const h = harness(katamon, { KATAMON_LOG_LEVEL: 'error' });
    expect(await h.run(['events', '--interval', '1000h', FULL_ID])).toBe(0);
    expect(calls.streams[0]?.intervalMs).toBe(2 ** 31 - 1);
  });

  it('interleaves several containers into one stream', async () => {
    const { katamon } = fakeKatamon([ref('one'), ref('two')], (id) => [
      { type: 'sample', sample: sample(id) },
      { type: 'end', id, reason: 'gone' },
    ]);
    const h = harness(katamon, { KATAMON_LOG_LEVEL: 'error' });
    expect(await h.run(['events', 'one', 'two'])).toBe(0);
    const ids = h
      .text()
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as { id: string }).id)
      .sort();
    expect(ids).toEqual(['one', 'two']);
    expect(h.err).toEqual([]);
  });

  it('SIGTERM ends the stream cleanly with status 143; a second signal exits at once', async () => {
    const { katamon, calls } = fakeKatamon([ref(FULL_ID)], (id) => [{ type: 'sample', sample: sample(id) }]);
    const h = harness(katamon);
    const done = h.run(['events', FULL_ID]);
    await vi.waitFor(() => expect(h.out).toHaveLength(1));
    h.signals.emit('SIGTERM');
    expect(await done).toBe(143);
    expect(calls.closed).toBe(1);
    expect(h.text().endsWith('\n')).toBe(true);
  });

  it('a closed pipe (EPIPE) ends the stream quietly with status 0', async () => {
    const { katamon } = fakeKatamon([ref(FULL_ID)], (id) => [{ type: 'sample', sample: sample(id) }]);
    const h = harness(katamon);
    const done = h.run(['events', FULL_ID]);
    await vi.waitFor(() => expect(h.out).toHaveLength(1));
    h.stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(await done).toBe(0);
    expect(h.err).toEqual([]);
  });
});

describe('katamon list / top / help (in process)', () => {
  it('list --format json prints one object per container', async () => {
    const { katamon } = fakeKatamon([
      ref('one'),
      { ...ref('two'), runtime: 'kata', sandbox: { id: 'sb' }, pid: undefined } as ContainerRef,
    ]);
    const h = harness(katamon);
    expect(await h.run(['list', '--format', 'json'])).toBe(0);
    const entries = h
      .text()
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries).toEqual([
      expect.objectContaining({ id: 'one', runtime: 'runc', status: 'running', pid: 42, sandbox: null }),
      expect.objectContaining({ id: 'two', runtime: 'kata', pid: null, sandbox: 'sb' }),
    ]);
  });

  it('list prints a table with the columns asked for', async () => {
    const { katamon } = fakeKatamon([ref('one')]);
    const h = harness(katamon);
    expect(await h.run(['list'])).toBe(0);
    expect(h.text().split('\n')[0]).toMatch(/^CONTAINER ID\s+NAME\s+ENGINE\s+NAMESPACE\s+STATUS\s+PID\s+CREATED$/);
    const wide = harness(katamon);
    expect(await wide.run(['list', '--wide'])).toBe(0);
    expect(wide.text().split('\n')[0]).toMatch(
      /^CONTAINER ID\s+NAME\s+ENGINE\s+NAMESPACE\s+IMAGE\s+POD\s+RUNTIME\s+STATUS\s+PID\s+SANDBOX\s+CREATED$/,
    );
  });

  it('an unknown command fails with status 1 and nothing on stdout', async () => {
    const { katamon } = fakeKatamon([]);
    const h = harness(katamon);
    expect(await h.run(['frobnicate'])).toBe(1);
    expect(h.err.join('')).toMatch(/Unknown argument: frobnicate/);
  });

  it('top rejects a bad interval the way events does', async () => {
    const { katamon } = fakeKatamon([ref('one')]);
    const h = harness(katamon);
    expect(await h.run(['top', '--interval', 'soon'])).toBe(1);
    expect(h.err.join('')).toBe('invalid value "soon" for flag -interval: time: invalid duration "soon"\n');
  });
});

describe('settings reach the composition root', () => {
  it('repeatable roots from flags before and after the command, env for the rest', async () => {
    const { katamon } = fakeKatamon([ref(FULL_ID)]);
    const h = harness(katamon, { KATAMON_KATA_ROOT: '/k1:/k2', KATAMON_ROOT: '/ignored', KATAMON_LOG_FORMAT: 'json' });
    expect(await h.run(['--root', '/a', 'events', '--stats', FULL_ID, '-root=/b', '--cgroup-root', '/cg'])).toBe(0);
    expect(h.created[0]?.settings).toEqual({
      roots: { runc: '/a:/b', kata: '/k1:/k2', cgroup: '/cg' },
      discover: 'all',
      plugins: [],
      logLevel: 'warn',
      logFormat: 'json',
    });
  });

  it('yargs commands take one value per repeated option (no greedy arrays)', async () => {
    const { katamon } = fakeKatamon([ref('one')]);
    const h = harness(katamon, { KATAMON_PLUGINS: './p1.mjs:./p2.mjs' });
    expect(await h.run(['--root', '/a', '--root', '/b', 'list'])).toBe(0);
    expect(h.created[0]?.settings.roots.runc).toBe('/a:/b');
    expect(h.created[0]?.settings.plugins).toEqual(['./p1.mjs', './p2.mjs']);
  });

  it('--schema runc does not ask for the network source; kata does', async () => {
    const { katamon } = fakeKatamon([ref(FULL_ID)]);
    const h = harness(katamon);
    await h.run(['events', '--stats', '--schema', 'runc', FULL_ID]);
    await h.run(['events', '--stats', FULL_ID]);
    expect(h.created.map((c) => c.needs?.network)).toEqual([false, true]);
  });
});
