import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runcAvailable, startRuncContainer, type RuncContainer } from '@katamon/test-fixtures';
import { HostileStates, lateFifo, MEMORY_FILES, type Planted } from '../cli/hostile-states.js';
import { get, type HttpAnswer } from './http-client.js';
import { bundleServer, SERVER_BIN, startServer, type ServerProcess } from './server-process.js';

/** Long enough for any honest answer on a loaded machine; a server blocked on a FIFO never answers. */
const HANG_MS = 20_000;

const every = (what: Planted): Record<string, Planted> => Object.fromEntries(MEMORY_FILES.map((f) => [f, what]));

interface Issue {
  source: string;
  kind: string;
  message: string;
}

// The server reads the containers of a runc root in which hostile state files sit next to a real container:
// it must answer for each of them, quoting nothing, and go on serving the real one (no blocked event loop, no
// shared read buffer grown past use).
describe('katamon-server with hostile cgroup paths (real runc container, state files next to it)', () => {
  const suffix = Math.random().toString(36).slice(2, 8);
  let good: RuncContainer;
  let hostile: HostileStates;
  let server: ServerProcess;
  const dirs: Record<string, string> = {};

  beforeAll(async () => {
    expect(runcAvailable(), 'missing prerequisite: run .ci/run (root, runc, busybox-static)').toBe(true);
    expect(HostileStates.hybridRoot(), 'a hybrid-cgroup host: /sys/fs/cgroup is a tmpfs (the CI machine)').toBe(true);
    bundleServer();
    good = await startRuncContainer({ id: `srv-hostile-good-${suffix}` });
    hostile = new HostileStates(good, suffix);
    dirs['fifo'] = hostile.plant('srv-fifo', { ...every('fifo'), 'freezer.state': 'fifo' }, 'cgroup-root');
    dirs['zero'] = hostile.plant('srv-zero', { ...every('zero-node'), 'memory.stat': 'zero-link' }, 'cgroup-root');
    const evil = hostile.plant('evil', every({ text: `${hostile.secretText}\n` }), 'outside');
    hostile.state(`fifo-${suffix}`, { memory: dirs['fifo'] });
    hostile.state(`freezer-${suffix}`, { freezer: dirs['fifo'] });
    hostile.state(`zero-${suffix}`, { memory: dirs['zero'] });
    hostile.state(`dotdot-${suffix}`, { memory: `/sys/fs/cgroup/memory/../../../..${evil}` });
    server = await startServer(['--root', good.root]);
  }, 120_000);

  afterAll(async () => {
    try {
      // SIGTERM ends a server that is not stuck with 0; one blocked in open(2) would ignore it.
      const stopped = await Promise.race([server?.stop(), new Promise((r) => setTimeout(() => r('stuck'), HANG_MS))]);
      if (stopped === 'stuck') server.child.kill('SIGKILL');
      expect(stopped).toBe(0);
    } finally {
      hostile?.cleanup();
      await good?.delete();
    }
  }, 60_000);

  /** A GET that fails the test instead of hanging it. */
  const call = (path: string): Promise<HttpAnswer> =>
    Promise.race([
      get(server.address, path),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer to ${path}`)), HANG_MS)),
    ]);

  const goodStats = async () => {
    const answer = await call(`/v1/containers/${good.id}/stats`);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ type: 'stats', id: good.id, data: { memory: { usage: {} } } });
    expect(
      (JSON.parse(answer.text) as { data: { memory: { usage: { usage: number } } } }).data.memory.usage.usage,
    ).toBeGreaterThan(0);
  };

  it('samples the FIFO and /dev/zero containers with their memory refused, and keeps serving the good one', async () => {
    await goodStats();
    for (const name of ['fifo', 'zero']) {
      const answer = await call(`/v1/containers/${name}-${suffix}/stats?schema=full`);
      expect(answer.status).toBe(200);
      const { issues } = JSON.parse(answer.text) as { issues: Issue[] };
      expect(issues).toEqual([
        {
          source: 'cgroup-v1',
          kind: 'permission-denied',
          message: expect.stringMatching(
            new RegExp(`^memory: refusing ${dirs[name]}/memory\\.[a-z_.]+: on tmpfs, not cgroup or cgroup2$`),
          ),
          path: expect.stringMatching(new RegExp(`^${dirs[name]}/`)),
        },
      ]);
      await goodStats();
    }
  });

  it.each([
    ['dotdot', /^refusing state file .*\/state\.json: a cgroup path has a '\.' or '\.\.' segment$/],
    ['freezer', /^refusing .*\/freezer\.state: not a regular file$/],
  ])('answers 403 for the %s container, quoting nothing, and keeps serving the good one', async (name, message) => {
    const answer = await call(`/v1/containers/${name}-${suffix}/stats`);
    expect(answer.status).toBe(403);
    expect(answer.json).toEqual({
      error: { code: 'PERMISSION_DENIED', kind: 'permission-denied', message: expect.stringMatching(message) },
    });
    expect(answer.text).not.toContain('katamon-secret');
    await goodStats();
  });

  it('scrapes /metrics with the good container in it, then still answers its stats', async () => {
    const metrics = await call('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain(good.id);
    expect(metrics.text).not.toContain('katamon-secret');
    await goodStats();
  });
});

describe('katamon-server --config that is not a regular file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'katamon-e2e-srv-config-'));
  const writers: ChildProcess[] = [];
  beforeAll(() => bundleServer(), 120_000);
  afterAll(() => {
    for (const w of writers) w.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['a FIFO (no writer is waited for)', () => lateFifo(join(dir, 'fifo.json'), '{}', writers)],
    ['/dev/zero', () => '/dev/zero'],
  ])('%s: exits 1 at once, a usage error naming the file', (_name, make) => {
    const file = make();
    const run = spawnSync(process.execPath, [SERVER_BIN, '--port', '0', '--config', file], {
      encoding: 'utf8',
      timeout: HANG_MS,
      killSignal: 'SIGKILL',
    });
    expect(run.signal, 'the server hung on its config file').toBeNull();
    expect(run.stderr).toBe(`config file ${file}: not a regular file\nRun 'katamon-server --help' for usage.\n`);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
  });
});
