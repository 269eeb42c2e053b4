import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runcAvailable, startRuncContainer, type RuncContainer } from '@katamon/test-fixtures';
import { DIST, ensureDist } from '../katamon-dist.js';
import { get } from './http-client.js';
import { startServer } from './server-process.js';

/** `setpriv` options: a user (uid 0 keeps root's file ownership) holding exactly `caps` (`[]` = none). */
function setpriv(uid: number, caps: readonly string[]): string[] {
  const user = uid === 0 ? [] : [`--reuid=${uid}`, `--regid=${uid}`, '--clear-groups'];
  const list = caps.map((c) => `+${c}`).join(',');
  const sets =
    uid === 0
      ? [`--inh-caps=-all`, `--bounding-set=-all${list === '' ? '' : `,${list}`}`]
      : caps.length === 0
        ? ['--inh-caps=-all', '--bounding-set=-all']
        : [`--inh-caps=${list}`, `--ambient-caps=${list}`];
  return ['setpriv', ...user, ...sets];
}

const NOBODY = 65534;

// What katamon needs from the kernel's permission checks (deploy/README.md "Security"): the DaemonSet runs as
// uid 0 with SYS_PTRACE only; the systemd unit as a non-root user with DAC_READ_SEARCH and SYS_PTRACE.
describe('capabilities katamon needs (bundled CLI and server under setpriv)', () => {
  beforeAll(() => {
    expect(!runcAvailable(), 'missing prerequisite: run .ci/run (root, runc, busybox-static)').toBe(false);
    expect(spawnSync('setpriv', ['--version']).status, 'missing prerequisite: util-linux setpriv').toBe(0);
  });
  // The engines' state dirs are root-only (0700), as /run/runc and /run/containerd are.
  const dir = mkdtempSync(join(tmpdir(), 'katamon-e2e-caps-'));
  const root = join(dir, 'runc');
  // A copy of the build other users can read (the checkout may not be).
  const dist = mkdtempSync(join(tmpdir(), 'katamon-e2e-caps-dist-'));
  let container: RuncContainer;

  beforeAll(async () => {
    ensureDist();
    cpSync(DIST, dist, { recursive: true });
    chmodSync(dist, 0o755);
    container = await startRuncContainer({ root, memoryLimit: 32 * 1024 * 1024 });
  }, 120_000);

  afterAll(async () => {
    await container?.delete();
    rmSync(dir, { recursive: true, force: true });
    rmSync(dist, { recursive: true, force: true });
  });

  function katamon(prefix: string[], args: string[]) {
    return spawnSync(
      prefix[0]!,
      [...prefix.slice(1), process.execPath, join(dist, 'katamon.cjs'), '--discover', 'none', '--root', root, ...args],
      {
        encoding: 'utf8',
        env: { ...process.env, KATAMON_CODE_CACHE: '0' },
      },
    );
  }

  function sections(prefix: string[]): string[] {
    const run = katamon(prefix, ['events', '--stats', '--schema', 'full', container.id]);
    expect(run.status, run.stderr).toBe(0);
    return Object.keys((JSON.parse(run.stdout) as { data: object }).data);
  }

  it("reads another user's cgroupfs files and /proc/<pid>/net without any capability, not /proc/<pid>/ns/net", () => {
    const none = setpriv(NOBODY, []);
    const memory = existsSync('/sys/fs/cgroup/memory')
      ? `/sys/fs/cgroup/memory/katamon-test/${container.id}/memory.usage_in_bytes`
      : `/sys/fs/cgroup/katamon-test/${container.id}/memory.current`;
    const read = (args: string[]) => spawnSync(none[0]!, [...none.slice(1), ...args], { encoding: 'utf8' });
    expect(read(['cat', memory]).status).toBe(0);
    expect(read(['cat', `/proc/${container.pid}/net/dev`]).stdout).toContain('lo:');
    const link = read(['readlink', `/proc/${container.pid}/ns/net`]);
    expect(link.status).not.toBe(0);
  });

  it('cannot list the root-only state directory as a non-root user without CAP_DAC_READ_SEARCH', () => {
    const run = katamon(setpriv(NOBODY, []), ['list']);
    expect(run.stdout).not.toContain(container.id);
    expect(run.stderr).toContain('EACCES');
  });

  it('reads a running container as a non-root user with CAP_DAC_READ_SEARCH, its network with CAP_SYS_PTRACE too', () => {
    const list = katamon(setpriv(NOBODY, ['dac_read_search']), ['list', '--format', 'json']);
    expect(JSON.parse(list.stdout)).toMatchObject({ id: container.id, status: 'running', pid: container.pid });
    expect(sections(setpriv(NOBODY, ['dac_read_search']))).not.toContain('network');
    expect(sections(setpriv(NOBODY, ['dac_read_search', 'sys_ptrace']))).toEqual(
      expect.arrayContaining(['cpu', 'memory', 'pids', 'network']),
    );
  });

  it('needs only CAP_SYS_PTRACE as uid 0 (the DaemonSet), and no capability for the cgroup sections', () => {
    expect(sections(setpriv(0, []))).toEqual(expect.arrayContaining(['cpu', 'memory', 'pids']));
    expect(sections(setpriv(0, []))).not.toContain('network');
    expect(sections(setpriv(0, ['sys_ptrace']))).toEqual(expect.arrayContaining(['cpu', 'memory', 'network']));
  });

  it('serves /metrics as the systemd unit runs it: a non-root user with the two ambient capabilities', async () => {
    const server = await startServer(['--root', root], {
      bin: join(dist, 'katamon-server.mjs'),
      prefix: setpriv(NOBODY, ['dac_read_search', 'sys_ptrace']),
    });
    try {
      const metrics = await get(server.address, '/metrics');
      expect(metrics.status).toBe(200);
      expect(metrics.text).toMatch(new RegExp(`container_memory_usage_bytes\\{[^}]*name="${container.id}"`));
      expect(metrics.text).toContain('katamon_containers{status="running"} 1\n');
      const status = spawnSync('ps', ['-o', 'uid=', '-p', String(server.child.pid)], { encoding: 'utf8' });
      expect(status.stdout.trim()).toBe(String(NOBODY));
    } finally {
      await server.stop();
    }
  });
});
