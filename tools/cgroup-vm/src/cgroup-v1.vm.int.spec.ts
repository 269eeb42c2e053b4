import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describeSpecsInVm } from './describe-specs-in-vm.spec-helper.js';
import { PACKAGE_DIR } from './package-dir.js';

// The v1 suites of @katamon/cgroup-v1 (every *.int.spec.ts, unchanged) in a hybrid guest: real v1
// hierarchies, real workloads, runc from the host. A host without v1 (cgroup v2 only) runs them only here
// (tools/cgroup-routes.mjs); a host with v1 runs them on the host too, and this run is the forced check that
// the VM route works. One boot for all.
const V1_DIR = join(PACKAGE_DIR, '../../packages/cgroup-v1/src');
const specs = readdirSync(V1_DIR)
  .filter((f) => f.endsWith('.int.spec.ts'))
  .sort()
  .map((f) => join(V1_DIR, f));

it('finds the v1 suites', () => {
  expect(specs.length).toBeGreaterThanOrEqual(4);
});

describeSpecsInVm('the cgroup v1 suites in a hybrid guest (QEMU TCG)', {
  mode: 'hybrid',
  specs,
  timeoutMs: 600_000,
  init: /^v1 blkio cpu cpuacct cpuset devices freezer hugetlb memory pids unified/m,
});
