import { lstatSync } from 'node:fs';
import type { CgroupPaths, ContainerStatus } from '@katamon/core';
import { readRegularFile, SysfsError } from '@katamon/sysfs';
import { isMissing, readProcStat } from './proc-stat.js';

export interface StatusInputs {
  pid: number;
  startTime: bigint;
  /** `<root>/<id>`: runc and crun keep `exec.fifo` there between create and start. */
  stateDir: string;
  cgroup: CgroupPaths | undefined;
  procRoot?: string;
}

/** `FROZEN\n`, `THAWED\n`, `0\n`: a longer file is not a freezer file. */
const MAX_FREEZER_BYTES = 64;

/**
 * A freezer file of a recorded cgroup directory: never blocking (a FIFO), never through a link, a regular file
 * of a few bytes (the directory comes from the state file, confined below the cgroup root).
 */
function readOptional(file: string): string | undefined {
  try {
    return readRegularFile(file, { maxBytes: MAX_FREEZER_BYTES, noFollow: true }).toString('latin1').trim();
  } catch (error) {
    if (SysfsError.isKind(error, 'not-found')) return undefined;
    throw error;
  }
}

/** Frozen by `runc pause`: v1 `freezer.state` FROZEN, v2 `cgroup.freeze` 1. A missing cgroup is not paused. */
export async function isPaused(cgroup: CgroupPaths | undefined): Promise<boolean> {
  if (!cgroup) return false;
  if (cgroup.version === 2) return readOptional(`${cgroup.path}/cgroup.freeze`) === '1';
  const freezer = cgroup.paths['freezer'];
  return freezer !== undefined && readOptional(`${freezer}/freezer.state`) === 'FROZEN';
}

/**
 * runc's own decision (libcontainer refreshState/runType): paused if the freezer says so; else stopped unless
 * the init pid exists with the recorded start time and is neither zombie nor dead; else created while
 * `exec.fifo` exists (init is blocked on it until `start`); else running.
 */
export async function decideStatus(inputs: StatusInputs): Promise<ContainerStatus> {
  if (await isPaused(inputs.cgroup)) return 'paused';
  const stat = await readProcStat(inputs.pid, inputs.procRoot);
  if (!stat || stat.startTime !== inputs.startTime || stat.state === 'Z' || stat.state === 'X') return 'stopped';
  try {
    // lstat, not access(2): access checks with the real uid and no capabilities, so a non-root server given
    // CAP_DAC_READ_SEARCH to read the root-only state directory would see EACCES instead of "no fifo".
    lstatSync(`${inputs.stateDir}/exec.fifo`);
    return 'created';
  } catch (error) {
    if (isMissing(error)) return 'running';
    throw error;
  }
}
