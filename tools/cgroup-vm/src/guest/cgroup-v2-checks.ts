/**
 * Guest entry: runs every cgroup v2 check against the real kernel and reports one line per check.
 * Bundled by the harness into /bundle.mjs; it runs as the VM's only workload.
 */
import { CGROUP_V2_CHECKS } from './cgroup-v2-check-list.js';
import { runChecks } from './run-checks.js';

const results = await runChecks(CGROUP_V2_CHECKS);
// Workloads a failed check left behind must not keep node alive; the exit status says if all passed.
process.exit(results.every((r) => r.ok) ? 0 : 1);
