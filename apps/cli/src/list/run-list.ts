import type { ContainerRef } from '@katamon/core';
import type { CommandScope } from '../process/run-command.js';
import { renderColumns } from '../output/render-columns.js';

/** What `list --format json` prints per container, one object per line. */
export interface ListEntry {
  id: string;
  runtime: string;
  status: string;
  pid: number | null;
  sandbox: string | null;
  created: string | null;
  cgroup: string | null;
}

function cgroupText(ref: ContainerRef): string | null {
  if (ref.cgroup === undefined) return null;
  if (ref.cgroup.version === 2) return ref.cgroup.path;
  return ref.cgroup.paths.memory ?? Object.values(ref.cgroup.paths)[0] ?? null;
}

export function listEntry(ref: ContainerRef): ListEntry {
  return {
    id: ref.id,
    runtime: ref.runtime,
    status: ref.status,
    pid: ref.pid ?? null,
    sandbox: ref.sandbox?.id ?? null,
    created: ref.created ?? null,
    cgroup: cgroupText(ref),
  };
}

export function renderList(refs: readonly ContainerRef[], format: 'table' | 'json'): string {
  const entries = refs.map(listEntry);
  if (format === 'json') return entries.map((e) => `${JSON.stringify(e)}\n`).join('');
  return renderColumns(
    ['CONTAINER ID', 'RUNTIME', 'STATUS', 'PID', 'SANDBOX', 'CREATED'],
    entries.map((e) => [
      e.id,
      e.runtime,
      e.status,
      e.pid === null ? '-' : String(e.pid),
      e.sandbox ?? '-',
      e.created ?? '-',
    ]),
  );
}

/** `katamon list`: every container the resolvers see, sorted by id. */
export async function runList(format: 'table' | 'json', scope: CommandScope): Promise<void> {
  scope.out.write(renderList(await scope.katamon.list(), format));
}
