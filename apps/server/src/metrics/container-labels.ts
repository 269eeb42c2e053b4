import type { ContainerRef } from '@katamon/core';

/**
 * The kubelet-embedded cAdvisor label set (`id`, `name`, `image`, `pod`, `namespace`, `container`),
 * which is what Grafana dashboards join on. `id` is the cgroup path as cAdvisor prints it.
 */
export function containerLabels(ref: ContainerRef): Record<string, string> {
  const labels = ref.labels ?? {};
  return {
    id: cgroupId(ref),
    name: labels['io.kubernetes.container.name'] ?? labels['name'] ?? ref.id,
    image: labels['image'] ?? labels['io.kubernetes.container.image'] ?? '',
    pod: labels['io.kubernetes.pod.name'] ?? '',
    namespace: labels['io.kubernetes.pod.namespace'] ?? '',
    container: labels['io.kubernetes.container.name'] ?? ref.id,
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
