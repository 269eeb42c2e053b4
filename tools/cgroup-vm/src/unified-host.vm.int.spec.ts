import { join } from 'node:path';
import { describeSpecsInVm } from './describe-specs-in-vm.spec-helper.js';
import { PACKAGE_DIR } from './package-dir.js';

// The host specs that read the host's own cgroupfs must pass on a v2-only host too (every current
// distribution boots one; this one is hybrid): they run here, unchanged, in the v2 guest.
const REPO = join(PACKAGE_DIR, '../..');
const specs = [
  'packages/cgroup-v2/src/cgroup-v2-unified.int.spec.ts',
  'packages/sysfs/src/pseudo-file-reader.int.spec.ts',
  'packages/sysfs/src/ring.int.spec.ts',
].map((file) => join(REPO, file));

describeSpecsInVm('host cgroupfs specs on a v2-only kernel (QEMU TCG)', {
  mode: 'v2',
  specs,
  timeoutMs: 420_000,
  init: /^subtree_control cpuset cpu io memory hugetlb pids$/m,
});
