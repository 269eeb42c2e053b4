import { existsSync, readFileSync, readdirSync, renameSync, rmSync, rmdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { removeCgroup } from '../host/cgroups.js';
import { mountsUnder, unmountUnder } from '../host/mounts.js';
import { processAlive, processesMentioning, processesNamed, signalProcess } from '../host/processes.js';
import { runCommand } from '../host/run-command.js';
import { findRuntimeContainers } from '../host/runc-state.js';
import { waitFor } from '../host/wait-for.js';
import { CLEANUP_ORDER, type CleanupReport, type CleanupStep } from './cleanup-step.js';
import { ENGINE_SWEEPS } from './engine-sweeps.js';

type Report = { errors: string[]; notes: string[] };

async function stopProcess(step: Extract<CleanupStep, { kind: 'process' }>, report: Report): Promise<void> {
  if (!processAlive(step.pid, step.startTime)) return;
  signalProcess(step.pid, 'SIGTERM');
  const gone = () => !processAlive(step.pid, step.startTime);
  if (await waitFor(`${step.name} to exit`, gone, step.graceMs).catch(() => false)) return;
  report.notes.push(`${step.name} (pid ${step.pid}) ignored SIGTERM for ${step.graceMs} ms: killed`);
  signalProcess(step.pid, 'SIGKILL');
  await waitFor(`${step.name} to die`, gone, 10_000).catch(() => report.errors.push(`${step.name} survives SIGKILL`));
}

/**
 * KILLs every process naming `needle`, scanning again until a scan finds none: a dying conmon may have
 * spawned its exit command (`podman container cleanup`) between a scan and its kill.
 */
async function killMentioning(needle: string, report: Report): Promise<void> {
  const scan = () => processesMentioning(needle).filter((p) => p.pid !== process.ppid);
  const settled = await waitFor(
    `processes naming ${needle} to die`,
    () => {
      const found = scan();
      for (const p of found) signalProcess(p.pid, 'SIGKILL');
      return found.length === 0;
    },
    10_000,
  ).catch(() => false);
  if (!settled)
    report.errors.push(
      `still running: ${scan()
        .map((p) => `${p.pid} ${p.argv.join(' ')}`)
        .join('; ')}`,
    );
}

async function deleteRuntimeContainers(step: Extract<CleanupStep, { kind: 'runtime-containers' }>, report: Report) {
  const spared = new Set(step.except ?? []);
  for (const { root, id } of findRuntimeContainers(step.root, step.bundleUnder)) {
    if (spared.has(join(root, id))) continue;
    const result = await runCommand([step.runtime, '--root', root, 'delete', '--force', id], { timeoutMs: 30_000 });
    if (existsSync(join(root, id))) report.errors.push(`${step.runtime} delete ${root}/${id}: ${result.stderr.trim()}`);
  }
}

function unlinkShimSockets(taskRoot: string): void {
  const dirs = (path: string) => (existsSync(path) ? readdirSync(path) : []);
  for (const namespace of dirs(taskRoot)) {
    for (const id of dirs(join(taskRoot, namespace))) {
      try {
        const address = readFileSync(join(taskRoot, namespace, id, 'address'), 'utf8').trim();
        unlinkSync(address.replace(/^unix:\/\//, ''));
      } catch {
        // no address file (task never started) or the shim removed its socket itself
      }
    }
  }
}

function remove(path: string, onlyIfEmpty: boolean | undefined, report: Report): void {
  if (!existsSync(path)) return;
  const mounted = mountsUnder(path);
  // Never recurse into a mount: that would delete what the mount shows, not our files.
  if (mounted.length > 0) return void report.errors.push(`not removing ${path}: still mounted ${mounted.join(', ')}`);
  try {
    if (onlyIfEmpty) rmdirSync(path);
    else rmSync(path, { recursive: true, force: true, maxRetries: 3 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!(onlyIfEmpty && (code === 'ENOTEMPTY' || code === 'EEXIST'))) report.errors.push(`rm ${path}: ${code}`);
  }
}

function restore(path: string, backup: string | undefined, report: Report): void {
  // No backup where one was recorded: the original was never moved, so `path` is still the original.
  if (backup !== undefined && !existsSync(backup)) return;
  remove(path, false, report);
  if (backup === undefined) return;
  try {
    renameSync(backup, path);
  } catch (error) {
    report.errors.push(`cannot move ${backup} back to ${path}: ${(error as Error).message}`);
  }
}

async function runStep(step: CleanupStep, report: Report): Promise<void> {
  switch (step.kind) {
    case 'sweep':
      return ENGINE_SWEEPS[step.engine](step.argv, report.notes);
    case 'process':
      return stopProcess(step, report);
    case 'processes-mentioning':
      return killMentioning(step.needle, report);
    case 'runtime-containers':
      return deleteRuntimeContainers(step, report);
    case 'shim-sockets':
      return unlinkShimSockets(step.taskRoot);
    case 'unmount': {
      const left = await unmountUnder(step.dir);
      if (left.length > 0) report.errors.push(`still mounted: ${left.join(', ')}`);
      return;
    }
    case 'cgroup':
      report.errors.push(...removeCgroup(step.path));
      return;
    case 'remove':
      if (step.unlessRunning !== undefined && processesNamed(step.unlessRunning).length > 0) return;
      return remove(step.path, step.onlyIfEmpty, report);
    case 'restore':
      return restore(step.path, step.backup, report);
    case 'unlock':
      return remove(step.path, false, report);
  }
}

/** Runs the steps in CLEANUP_ORDER (newest first within a kind). A step that throws does not stop the rest. */
export async function runCleanup(steps: readonly CleanupStep[]): Promise<CleanupReport> {
  const report: Report = { errors: [], notes: [] };
  const ordered = steps
    .map((step, seq) => ({ step, seq }))
    .sort((a, b) => CLEANUP_ORDER.indexOf(a.step.kind) - CLEANUP_ORDER.indexOf(b.step.kind) || b.seq - a.seq);
  for (const { step } of ordered) {
    try {
      await runStep(step, report);
    } catch (error) {
      report.errors.push(`${step.kind}: ${(error as Error).message}`);
    }
  }
  return report;
}
