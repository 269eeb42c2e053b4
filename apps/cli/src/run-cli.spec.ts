import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import {
  KatamonError,
  type ContainerRef,
  type Katamon,
  type Sample,
  type StreamItem,
  type StreamOptions,
} from '@katamon/core';
import type { CliContext, KatamonNeeds } from './cli-context.js';
import type { GlobalSettings } from './settings/global-settings.js';
import { runCli } from './run-cli.js';

const FULL_ID = 'abc0123456789';

function ref(id: string, status: ContainerRef['status'] = 'running'): ContainerRef {
  return { id, runtime: 'runc', resolver: 'fake', status, pid: 42 };
}

function sample(id: string, issues: Sample['issues'] = []): Sample {
  return { id, timestamp: 1, stats: { pids: { current: 3n, limit: 0n } }, sources: ['fake'], issues };
}

/** A small in-test Katamon: containers by id; streams play a script of items then wait for cancel. */
function fakeKatamon(
  refs: ContainerRef[],
  script: (id: string) => StreamItem[] = () => [],
  sampleOf = (r: ContainerRef) => sample(r.id),
) {
  const calls = { closed: 0, streams: [] as StreamOptions[] };
  const katamon: Katamon = {
    async resolve(query) {
      const exact = refs.find((r) => r.id === query);
      if (exact) return exact;
      const matches = refs.filter((r) => r.id.startsWith(query));
      if (matches.length > 1) throw new KatamonError('ambiguous', `multiple containers found (${query})`);
      if (matches.length === 1) return matches[0] as ContainerRef;
      throw new KatamonError('not-found', `Container ID (${query}) does not exist`);
    },
    list: async () => refs,
    sample: async (r) => sampleOf(r),
    stream(r, options) {
      calls.streams.push(options);
      return (async function* () {
        for (const item of script(r.id)) yield item;
        if (script(r.id).some((i) => i.type === 'end')) return;
        await new Promise<void>((resolve) =>
          options.signal?.addEventListener('abort', () => resolve(), { once: true }),
        );
        yield { type: 'end', id: r.id, reason: 'cancelled' } as StreamItem;
      })();
    },
    // The stream's items, handed over one by one as the real watch does (never synchronously from here).
    watch(r, options, onItem) {
      let stopped = false;
      void (async () => {
        for await (const item of katamon.stream(r, options)) {
          if (stopped) return;
          onItem(item);
          if (item.type === 'end') return;
        }
      })();
      return () => void (stopped = true);
    },
    health: () => ({ plugins: [], sources: [], resolvers: [] }),
    close: async () => void calls.closed++,
  };
  return { katamon, calls };
}

function harness(katamon: Katamon, env: NodeJS.ProcessEnv = {}) {
  const created: { settings: GlobalSettings; needs: KatamonNeeds | undefined }[] = [];
  const out: string[] = [];
  const err: string[] = [];
  const signals = new EventEmitter();
  const stdout = new Writable({
    write(chunk, _enc, done) {
      out.push(String(chunk));
      done();
    },
  });
  const ctx: CliContext = {
    env,
    stdout,
    writeStderr: (t) => void err.push(t),
    createKatamon: async (settings, _logger, needs) => {
      created.push({ settings, needs });
      return katamon;
    },
    signals,
    programName: 'katamon',
  };
  const exits: number[] = [];
  const run = (args: string[]) => runCli(ctx, args, (code) => void exits.push(code));
  return { out, err, signals, stdout, run, exits, created, text: () => out.join('') };
}

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

  const named = (id: string, engine: string, name: string, labels: Record<string, string> = {}): ContainerRef => ({
    ...ref(id),
    identity: { engine, name, image: `${name}:1`, labels },
  });

  it('list shows names and images, and filters by engine, label and name', async () => {
    const { katamon } = fakeKatamon([
      named('a'.repeat(64), 'docker', 'web', { app: 'shop' }),
      named('b1', 'containerd', 'cache', { app: 'shop' }),
      named('c1', 'podman', 'db'),
    ]);
    const rows = async (...args: string[]) => {
      const h = harness(katamon);
      expect(await h.run(['list', '--format', 'json', ...args])).toBe(0);
      return h
        .text()
        .trimEnd()
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as { name: string; engine: string; image: string; labels: object });
    };
    expect((await rows()).map((r) => [r.name, r.engine, r.image])).toEqual([
      ['web', 'docker', 'web:1'],
      ['cache', 'containerd', 'cache:1'],
      ['db', 'podman', 'db:1'],
    ]);
    expect((await rows('--engine', 'docker', '--engine', 'podman')).map((r) => r.name)).toEqual(['web', 'db']);
    expect((await rows('--label', 'app=shop', '--name', 'ca')).map((r) => r.name)).toEqual(['cache']);
    const table = harness(katamon);
    expect(await table.run(['list'])).toBe(0);
    expect(table.text().split('\n')[1]).toMatch(/^aaaaaaaaaaaa\s+web\s+docker\s+-\s+running/);
  });

  it('list refuses a label filter without a key', async () => {
    const { katamon } = fakeKatamon([]);
    const h = harness(katamon);
    expect(await h.run(['list', '--label', '=x'])).toBe(1);
    expect(h.err.join('')).toBe('invalid label filter "=x": want key=value\n');
  });

  it('doctor prints what was probed and found (text and json)', async () => {
    const { katamon } = fakeKatamon([named('d1', 'docker', 'web')]);
    Object.assign(katamon, {
      health: () => ({
        plugins: [{ name: '@katamon/runtime-runc', ok: true }],
        sources: ['cgroup-v1'],
        resolvers: ['docker'],
      }),
      probeHost: async () => [
        { engine: 'docker', found: true, detail: 'Docker containers under /run/docker/runtime-runc/moby', paths: [] },
        { engine: 'podman', found: false, detail: 'no /var/lib/containers/storage/x', paths: [] },
      ],
    });
    const h = harness(katamon);
    expect(await h.run(['doctor'])).toBe(0);
    expect(h.text()).toMatch(/^ENGINE\s+FOUND\s+CONTAINERS\s+DETAIL\ndocker\s+yes\s+1\s+Docker containers under/);
    expect(h.text()).toMatch(/\npodman\s+no\s+0\s+no \/var\/lib/);
    const j = harness(katamon);
    expect(await j.run(['doctor', '--format', 'json'])).toBe(0);
    expect(JSON.parse(j.text())).toMatchObject({ containers: { total: 1, byEngine: { docker: 1 } } });
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

  it('engine roots and discovery from flags and environment', async () => {
    const { katamon } = fakeKatamon([ref('one')]);
    const h = harness(katamon, { KATAMON_DISCOVER: 'docker,containerd', KATAMON_DOCKER_DATA_ROOT: '/dd' });
    expect(await h.run(['--docker-exec-root', '/de', '--containerd-root', '/cr', 'list'])).toBe(0);
    expect(h.created[0]?.settings).toMatchObject({
      roots: { dockerExec: '/de', dockerData: '/dd', containerdRunc: '/cr' },
      discover: ['docker', 'containerd'],
    });
    const none = harness(katamon);
    expect(await none.run(['--discover', 'none', 'list'])).toBe(0);
    expect(none.created[0]?.settings.discover).toEqual([]);
    const bad = harness(katamon);
    expect(await bad.run(['--discover', 'dockr', 'list'])).toBe(1);
    expect(bad.err.join('')).toMatch(/invalid value "dockr" for flag -discover: "dockr" is not one of all, none, runc/);
  });

  it('--schema runc does not ask for the network source; kata does', async () => {
    const { katamon } = fakeKatamon([ref(FULL_ID)]);
    const h = harness(katamon);
    await h.run(['events', '--stats', '--schema', 'runc', FULL_ID]);
    await h.run(['events', '--stats', FULL_ID]);
    expect(h.created.map((c) => c.needs?.network)).toEqual([false, true]);
  });
});
