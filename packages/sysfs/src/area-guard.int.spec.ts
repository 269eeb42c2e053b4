import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmdirSync, rmSync, statfsSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PseudoFileReader } from './pseudo-file-reader.js';
import { SysfsError } from './sysfs-error.js';

// The production reader on the host's real cgroup mount. This host boots hybrid cgroups: /sys/fs/cgroup is
// itself a tmpfs (root-only) holding the v1 hierarchies, so a directory made there is below the cgroup root
// but not on cgroupfs, and the hierarchies' own links (cpu -> cpu,cpuacct) resolve inside it.
const ROOT = '/sys/fs/cgroup';
const PIDS = `${ROOT}/pids`;
const TMPFS_MAGIC = 0x01021994;
const suffix = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

describe('PseudoFileReader areas on the host cgroup mount', () => {
  const usable =
    process.getuid?.() === 0 && existsSync(`${PIDS}/cgroup.procs`) && statfsSync(ROOT).type === TMPFS_MAGIC;
  // Prerequisites are installed by .ci/run: a missing one fails loudly instead of skipping.
  beforeAll(() => expect(usable, 'root on a hybrid-cgroup host (the CI machine)').toBe(true));
  const plain = `${ROOT}/katamon-guard-${suffix}`;
  const group = `${PIDS}/katamon-guard-${suffix}`;
  const link = `${ROOT}/katamon-guard-link-${suffix}`;
  const stray = join(tmpdir(), `katamon-guard-${suffix}`);
  afterAll(() => {
    if (existsSync(link)) unlinkSync(link);
    rmSync(plain, { recursive: true, force: true });
    rmSync(stray, { force: true });
    if (existsSync(group)) rmdirSync(group);
  });

  function refusal(path: string): string {
    const reader = new PseudoFileReader();
    try {
      reader.read(path);
    } catch (error) {
      expect(SysfsError.isKind(error, 'permission-denied'), String(error)).toBe(true);
      return (error as Error).message;
    } finally {
      reader.close();
    }
    throw new Error(`${path} was read`);
  }

  it('refuses a plain file below the cgroup root (the tmpfs between the hierarchies)', () => {
    mkdirSync(plain);
    writeFileSync(`${plain}/memory.stat`, 'cache 1\n');
    expect(refusal(`${plain}/memory.stat`)).toBe(`refusing ${plain}/memory.stat: on tmpfs, not cgroup or cgroup2`);
  });

  it('reads a cgroup through a link that stays inside the root, as cpu -> cpu,cpuacct', () => {
    mkdirSync(group);
    symlinkSync(group, link);
    const reader = new PseudoFileReader();
    expect(reader.read(`${link}/pids.max`)).toBe('max\n');
    reader.close();
  });

  it('refuses a file mounted over a cgroup file (another filesystem than its directory)', () => {
    if (!existsSync(group)) mkdirSync(group);
    writeFileSync(stray, 'max\n');
    execFileSync('mount', ['--bind', stray, `${group}/pids.max`]);
    try {
      expect(refusal(`${group}/pids.max`)).toBe(`refusing ${group}/pids.max: on another filesystem than its directory`);
    } finally {
      execFileSync('umount', [`${group}/pids.max`]);
    }
  });
});
