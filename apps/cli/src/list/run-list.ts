import { engineOf, filterContainers, type ContainerFilter, type ContainerRef, type PodIdentity } from '@katamon/core';
import type { CommandScope } from '../process/run-command.js';
import { renderColumns } from '../output/render-columns.js';
import { tableCell } from '../output/table-cell.js';

/** What `list --format json` prints per container, one object per line. */
export interface ListEntry {
  id: string;
  name: string | null;
  engine: string;
  /** The engine's namespace (containerd's), when it has one. */
  namespace: string | null;
  image: string | null;
  runtime: string;
  status: string;
  pid: number | null;
  sandbox: string | null;
  created: string | null;
  cgroup: string | null;
  labels: Record<string, string>;
  pod: PodIdentity | null;
  /** Identity files that could not be read, and state read errors: one line each. */
  issues: string[];
}

export interface ListRequest {
  format: 'table' | 'json';
  wide: boolean;
  filter: ContainerFilter;
}

function cgroupText(ref: ContainerRef): string | null {
  if (ref.cgroup === undefined) return null;
  if (ref.cgroup.version === 2) return ref.cgroup.path;
  return ref.cgroup.paths.memory ?? Object.values(ref.cgroup.paths)[0] ?? null;
}

export function listEntry(ref: ContainerRef): ListEntry {
  const identity = ref.identity;
  const error = ref.labels?.['error'];
  return {
    id: ref.id,
    name: identity?.name ?? null,
    engine: engineOf(ref),
    namespace: identity?.namespace ?? null,
    image: identity?.image ?? null,
    runtime: ref.runtime,
    status: ref.status,
    pid: ref.pid ?? null,
    sandbox: ref.sandbox?.id ?? identity?.pod?.sandboxId ?? null,
    created: ref.created ?? null,
    cgroup: cgroupText(ref),
    labels: { ...identity?.labels },
    pod: identity?.pod ?? null,
    issues: [...(error === undefined ? [] : [error]), ...(identity?.issues ?? [])],
  };
}

const pod = (e: ListEntry) => (e.pod?.name === undefined ? null : `${e.pod.namespace ?? ''}/${e.pod.name}`);

export function renderList(refs: readonly ContainerRef[], format: 'table' | 'json', wide = false): string {
  const entries = refs.map(listEntry);
  if (format === 'json') return entries.map((e) => `${JSON.stringify(e)}\n`).join('');
  if (!wide) {
    return renderColumns(
      ['CONTAINER ID', 'NAME', 'ENGINE', 'NAMESPACE', 'STATUS', 'PID', 'CREATED'],
      entries.map((e) => [
        tableCell(e.id.length === 64 ? e.id.slice(0, 12) : e.id),
        tableCell(e.name),
        tableCell(e.engine),
        tableCell(e.namespace),
        e.status,
        e.pid === null ? '-' : String(e.pid),
        tableCell(e.created),
      ]),
    );
  }
  return renderColumns(
    ['CONTAINER ID', 'NAME', 'ENGINE', 'NAMESPACE', 'IMAGE', 'POD', 'RUNTIME', 'STATUS', 'PID', 'SANDBOX', 'CREATED'],
    entries.map((e) => [
      tableCell(e.id, '-', Infinity),
      tableCell(e.name),
      tableCell(e.engine),
      tableCell(e.namespace),
      tableCell(e.image),
      tableCell(pod(e)),
      tableCell(e.runtime),
      e.status,
      e.pid === null ? '-' : String(e.pid),
      tableCell(e.sandbox),
      tableCell(e.created),
    ]),
  );
}

/** `katamon list`: every container the resolvers see (those the filter keeps), sorted by id. */
export async function runList(request: ListRequest, scope: CommandScope): Promise<void> {
  const refs = filterContainers(await scope.katamon.list(), request.filter);
  scope.out.write(renderList(refs, request.format, request.wide));
}
