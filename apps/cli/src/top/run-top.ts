import { setTimeout as sleep } from 'node:timers/promises';
import { filterContainers, isLive, refKey, type ContainerFilter, type ContainerRef } from '@katamon/core';
import { resolveRunning } from '../containers/resolve-running.js';
import type { CommandScope } from '../process/run-command.js';
import { computeTopRow, type TopPoint, type TopRow } from './docker-stats.js';
import { readHostCpu, readMemTotal } from './host-cpu.js';
import { renderTopTable } from './render-top-table.js';

export interface TopRequest {
  /** Ids as typed; empty means every running container, re-listed at each refresh. */
  ids: string[];
  intervalMs: number;
  /** false: one table from two samples one interval apart (docker's --no-stream), then exit. */
  stream: boolean;
  format: 'table' | 'json';
  /** IMAGE column too. */
  wide: boolean;
  /** Which containers `top` without ids follows. */
  filter: ContainerFilter;
}

export interface TopOptions {
  isTTY: boolean;
  procRoot: string;
}

/** Clear screen and home the cursor (what docker stats writes before each frame on a terminal). */
const CLEAR = '\u001b[2J\u001b[H';

export function renderTopFrame(
  rows: readonly TopRow[],
  format: TopRequest['format'],
  isTTY: boolean,
  wide = false,
): string {
  if (format === 'json') return rows.map((r) => `${JSON.stringify(r)}\n`).join('');
  return (isTTY ? CLEAR : '') + renderTopTable(rows, wide);
}

/** `katamon top`: docker stats' table and formulas over katamon samples. */
export async function runTop(request: TopRequest, scope: CommandScope, options: TopOptions): Promise<void> {
  const { katamon, log, out, signal } = scope;
  const fixed: ContainerRef[] = [];
  for (const typed of request.ids) fixed.push(await resolveRunning(katamon, typed));
  const memTotal = await readMemTotal(options.procRoot);
  await readHostCpu(options.procRoot); // a wrong --proc-root fails now, before the first interval
  const gone = new Set<string>();

  const targets = async (): Promise<ContainerRef[]> =>
    request.ids.length > 0
      ? fixed.filter((r) => !gone.has(refKey(r)))
      : filterContainers((await katamon.list()).filter(isLive), request.filter);

  const point = async (ref: ContainerRef): Promise<TopPoint | undefined> => {
    let sample;
    try {
      sample = await katamon.sample(ref, signal);
    } catch (error) {
      if (signal.aborted) return undefined;
      log.warn(`no stats for container ${ref.id}: ${error instanceof Error ? error.message : String(error)}`);
      if (request.ids.length > 0) gone.add(refKey(ref));
      return undefined;
    }
    // A host file that cannot be read fails the command, not the container.
    return { sample, host: await readHostCpu(options.procRoot), memTotal, runtime: ref.runtime, key: refKey(ref) };
  };

  let previous = new Map<string, TopPoint>();
  const takeAll = async (): Promise<Map<string, TopPoint>> => {
    const points = await Promise.all((await targets()).map(point));
    return new Map(points.filter((p): p is TopPoint => p !== undefined).map((p) => [p.key, p]));
  };

  previous = await takeAll();
  while (!signal.aborted) {
    try {
      await sleep(request.intervalMs, undefined, { signal });
    } catch {
      return; // aborted
    }
    const current = await takeAll();
    if (signal.aborted) return;
    const rows = [...current.values()].map((p) => computeTopRow(previous.get(p.key), p));
    out.write(renderTopFrame(rows, request.format, options.isTTY, request.wide));
    previous = current;
    if (!request.stream || out.closed) return;
    if (request.ids.length > 0 && current.size === 0 && fixed.every((r) => gone.has(refKey(r)))) return;
  }
}
