import { engineOf, type ContainerIdentity, type ContainerRef } from '@katamon/core';

/** What the API says about a container: the resolver's ref, minus nothing secret (it holds none). */
export interface ContainerView {
  id: string;
  runtime: string;
  resolver: string;
  status: string;
  pid?: number;
  created?: string;
  cgroup?: { version: 1; paths: Record<string, string> } | { version: 2; path: string };
  netnsPath?: string;
  sandbox?: { id: string; agentUrl?: string; netnsPath?: string; stateDir?: string };
  /** Who the container is: engine, namespace, name, aliases, image, the user's labels, the pod, read issues. */
  identity: ContainerIdentity;
  /** The resolver's bookkeeping: state root and file, bundle, a state read error. */
  labels?: Record<string, string>;
}

export function containerView(ref: ContainerRef): ContainerView {
  const view: ContainerView = {
    id: ref.id,
    runtime: ref.runtime,
    resolver: ref.resolver,
    status: ref.status,
    identity: ref.identity ?? { engine: engineOf(ref) },
  };
  if (ref.pid !== undefined) view.pid = ref.pid;
  if (ref.created !== undefined) view.created = ref.created;
  if (ref.cgroup !== undefined) {
    view.cgroup =
      ref.cgroup.version === 2 ? { version: 2, path: ref.cgroup.path } : { version: 1, paths: { ...ref.cgroup.paths } };
  }
  if (ref.netnsPath !== undefined) view.netnsPath = ref.netnsPath;
  if (ref.sandbox !== undefined) view.sandbox = { ...ref.sandbox };
  if (ref.labels !== undefined) view.labels = { ...ref.labels };
  return view;
}
