import { existsSync } from 'node:fs';
import type { ContainerRef, ContainerResolver } from '@katamon/core';
import { readContainersFile, type ContainerEntry } from './containers-file.js';

export const RESOLVER_NAME = 'json-file';

function toRef(entry: ContainerEntry, proc: string): ContainerRef {
  const alive = entry.pid !== undefined && existsSync(`${proc}/${entry.pid}`);
  const netnsPath = entry.netns ?? (alive ? `${proc}/${entry.pid}/ns/net` : undefined);
  return {
    id: entry.id,
    runtime: entry.runtime,
    resolver: RESOLVER_NAME,
    // Without a pid the file is the only authority, so the container counts as running.
    status: entry.pid === undefined || alive ? 'running' : 'stopped',
    ...(entry.pid !== undefined ? { pid: entry.pid } : {}),
    ...(entry.cgroup ? { cgroup: entry.cgroup } : {}),
    ...(netnsPath ? { netnsPath } : {}),
  };
}

/**
 * Containers listed in a JSON file (podman, LXC, systemd services, …), their cgroups below `cgroupRoot`. The
 * file is re-read on every call.
 */
export function createJsonFileResolver(file: string, proc = '/proc', cgroupRoot = '/sys/fs/cgroup'): ContainerResolver {
  const load = async () => (await readContainersFile(file, cgroupRoot)).map((e) => toRef(e, proc));
  return {
    name: RESOLVER_NAME,
    async match(query) {
      const prefix = query.length < 64;
      return (await load()).filter((ref) => ref.id === query || (prefix && ref.id.startsWith(query)));
    },
    list: load,
    async refresh(ref) {
      const now = (await load()).find((r) => r.id === ref.id);
      return now && now.status !== 'stopped' ? now : undefined;
    },
  };
}
