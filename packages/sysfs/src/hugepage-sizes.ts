import { readdirSync } from 'node:fs';

/**
 * runc's label for a huge page size in kB: ≥1 GiB → `<n>GB`, ≥1 MiB → `<n>MB`, else `<n>KB` (integer part).
 */
export function hugePageLabel(kb: number): string {
  if (kb >= 1048576) return `${Math.floor(kb / 1048576)}GB`;
  if (kb >= 1024) return `${Math.floor(kb / 1024)}MB`;
  return `${kb}KB`;
}

/**
 * The host's huge page size labels, from `/sys/kernel/mm/hugepages/hugepages-<N>kB`, in directory order.
 * A host without huge pages (or without that directory) has none.
 */
export function readHugePageSizes(dir = '/sys/kernel/mm/hugepages'): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    // No hugetlbfs support in this kernel: no sizes, hence an empty hugetlb map, as runc reports.
    return [];
  }
  const labels: string[] = [];
  for (const name of names.sort()) {
    if (!name.startsWith('hugepages-') || !name.endsWith('kB')) continue;
    const kb = Number(name.slice('hugepages-'.length, -2));
    if (Number.isInteger(kb) && kb > 0) labels.push(hugePageLabel(kb));
  }
  return labels;
}
