// What a guest script (bundled by runInCgroupVm, run by the guest's node) can use: the result protocol,
// cgroup helpers and workloads. Nothing here imports the host side (esbuild, QEMU).
export type { Check } from './check.js';
export { CheckFailure, expectThat, pollUntil, MiB, UINT64_MAX } from './check.js';
export { CGROUP_ROOT, makeCgroup, readRaw, readKeyed, readPsiSomeTotal, removeCgroup } from './cgroup-fs.js';
export type { Workload } from './workload.js';
export { startIn, runIn } from './workload.js';
export { report } from './report.js';
export { runChecks } from './run-checks.js';
export type { CheckResult } from '../protocol.js';
export { GUEST_PATHS, GUEST_CONTROLLERS, RESULT_MARKER } from '../protocol.js';
