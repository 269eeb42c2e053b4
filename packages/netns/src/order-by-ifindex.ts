/**
 * Orders interfaces by ifindex, as netlink's RTM_GETLINK dump (what openEuler's agent lists) does.
 *
 * `/proc/net/dev` itself walks interfaces by ifindex on current kernels, but older ones walk an ifindex hash
 * table (ifindex 257 before 2), so the index is looked up (`/proc/<pid>/net/dev_snmp6/<name>`, line
 * `ifIndex`). Interfaces without an IPv6 device (MTU < 1280, IPv6 disabled) have no such file: when the
 * known indexes already ascend in kernel order, that order is kept for everyone; otherwise an unknown
 * interface sorts right after its kernel-order predecessor.
 */
export function orderByIfindex<T extends { name: string }>(
  items: readonly T[],
  ifindexOf: (name: string) => number | undefined,
): T[] {
  const keyed = items.map((item, position) => ({ item, position, index: ifindexOf(item.name) }));
  let last = -1;
  let ascending = true;
  for (const k of keyed) {
    if (k.index === undefined) continue;
    if (k.index < last) ascending = false;
    last = k.index;
  }
  if (ascending) return items.slice();
  let inherited = 0;
  const sortable = keyed.map((k) => {
    if (k.index !== undefined) inherited = k.index;
    return { ...k, key: k.index ?? inherited, unknown: k.index === undefined ? 1 : 0 };
  });
  sortable.sort((a, b) => a.key - b.key || a.unknown - b.unknown || a.position - b.position);
  return sortable.map((k) => k.item);
}

/** The `ifIndex` line of a dev_snmp6 file, or undefined. */
export function parseSnmp6Ifindex(text: string): number | undefined {
  const match = /^ifIndex\s+(\d+)/.exec(text);
  return match ? Number(match[1]) : undefined;
}
