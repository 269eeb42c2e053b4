import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { waitUntil } from '@katamon/core-testing';

/** True when this host has the v1 hierarchies the kernel tests need and we may create cgroups. */
export function v1HostAvailable(controllers: readonly string[]): boolean {
  return process.getuid?.() === 0 && controllers.every((c) => existsSync(`/sys/fs/cgroup/${c}/cgroup.procs`));
}

export interface KernelCgroup {
  /** Absolute directories by controller. */
  paths: Record<string, string>;
  /** Starts `command` (a shell command line) inside every controller's cgroup; resolves once it is placed. */
  spawnIn(command: string): Promise<ChildProcess>;
  write(controller: string, file: string, value: string): void;
  /** Kills every process started here and removes the cgroups. */
  cleanup(): Promise<void>;
}

/** Real v1 cgroups `/sys/fs/cgroup/<controller>/katamon-test-<random>` for each controller. */
export function createKernelCgroup(controllers: readonly string[]): KernelCgroup {
  const name = `katamon-test-${randomBytes(4).toString('hex')}`;
  const paths: Record<string, string> = {};
  for (const c of controllers) {
    paths[c] = `/sys/fs/cgroup/${c}/${name}`;
    mkdirSync(paths[c]);
    if (c === 'cpuset') {
      // A new cpuset is empty; it needs cpus and mems before it can hold tasks.
      for (const f of ['cpuset.cpus', 'cpuset.mems'])
        writeFileSync(`${paths[c]}/${f}`, readFileSync(`/sys/fs/cgroup/cpuset/${f}`));
    }
  }
  const children: ChildProcess[] = [];
  const dirs = Object.values(paths);
  return {
    paths,
    write: (c, file, value) => writeFileSync(`${paths[c]}/${file}`, value),
    async spawnIn(command) {
      const moves = dirs.map((d) => `echo $$ > ${d}/cgroup.procs`).join(' && ');
      const child = spawn('sh', ['-c', `${moves} && exec ${command}`], {
        stdio: 'ignore',
      });
      children.push(child);
      // Moves run in order: the last directory holding the pid means every move is done.
      const last = dirs[dirs.length - 1] as string;
      const placed = () => readFileSync(`${last}/cgroup.procs`, 'latin1').split('\n').includes(String(child.pid));
      await waitUntil(
        () => {
          if (child.pid !== undefined && placed()) return true;
          if (child.exitCode !== null) throw new Error(`child exited early (${child.exitCode}): ${command}`);
          return undefined;
        },
        { what: `${command} to be placed in ${last}`, intervalMs: 5 },
      );
      return child;
    },
    async cleanup() {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await Promise.all(
        children.map((c) =>
          c.exitCode !== null || c.signalCode !== null ? undefined : new Promise((r) => c.once('exit', r)),
        ),
      );
      for (const dir of dirs) {
        // rmdir fails with EBUSY until the killed tasks have left.
        await waitUntil(
          () => {
            try {
              if (existsSync(dir)) rmdirSync(dir);
              return true;
            } catch {
              return undefined;
            }
          },
          { what: `${dir} to be removable` },
        );
      }
    },
  };
}
