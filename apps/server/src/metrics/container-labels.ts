import { engineOf, type ContainerRef } from '@katamon/core';

/**
 * `name` as cAdvisor sets it on each engine (its first alias): Docker's and Podman's container name, CRI-O's own
 * `k8s_…` name, and the container id for containerd (its handler lists the id first), Kata and plain runc/crun.
 */
export function cadvisorName(ref: ContainerRef): string {
  const identity = ref.identity;
  switch (engineOf(ref)) {
    case 'docker':
    case 'podman':
      return identity?.name ?? ref.id;
    case 'cri-o':
      return identity?.aliases?.[0] ?? identity?.name ?? ref.id;
    case 'containerd':
    case 'kata':
    case 'runc':
    case 'crun':
      return ref.id;
    default:
      return identity?.name ?? ref.id;
  }
}

/**
 * The kubelet-embedded cAdvisor label set (`id`, `name`, `image`, `pod`, `namespace`, `container`),
 * which is what Grafana dashboards join on. `id` is the cgroup path as cAdvisor prints it; `name` and
 * `image` as cAdvisor sets them per engine; `pod`, `namespace` and `container` from the CRI's annotations. A
 * container outside Kubernetes keeps a `container` label (its name, else its id), so `container!=""` selects it.
 */
export function containerLabels(ref: ContainerRef): Record<string, string> {
  const identity = ref.identity;
  const pod = identity?.pod;
  return {
    id: cgroupId(ref),
    name: cadvisorName(ref),
    image: identity?.image ?? '',
    pod: pod?.name ?? '',
    namespace: pod?.namespace ?? '',
    container: pod === undefined ? (identity?.name ?? ref.id) : (pod.container ?? ''),
  };
}

/** The cgroup path relative to its hierarchy's mount: `/katamon/abc`, as cAdvisor's `id` label. */
export function cgroupId(ref: ContainerRef): string {
  const cgroup = ref.cgroup;
  if (cgroup?.version === 2) {
    const match = /^\/sys\/fs\/cgroup(?:\/unified)?(\/.*)?$/.exec(cgroup.path);
    if (match) return match[1] ?? '/';
  } else if (cgroup?.version === 1) {
    const dir =
      cgroup.paths['memory'] ?? cgroup.paths['cpuacct'] ?? cgroup.paths['cpu'] ?? Object.values(cgroup.paths)[0];
    const match = dir === undefined ? null : /^\/sys\/fs\/cgroup\/[^/]+(\/.*)?$/.exec(dir);
    if (match) return match[1] ?? '/';
  }
  return `/${ref.id}`;
}
