import { GUEST_CONTROLLERS } from '../protocol.js';
import { expectThat, type Check } from './check.js';
import { CGROUP_ROOT, makeCgroup, readRaw, removeCgroup } from './cgroup-fs.js';
import { cpuChecks } from './checks/cpu-checks.js';
import { encodeChecks } from './checks/encode-checks.js';
import { hugetlbChecks } from './checks/hugetlb-checks.js';
import { ioChecks } from './checks/io-checks.js';
import { memoryChecks } from './checks/memory-checks.js';
import { oomChecks } from './checks/oom-checks.js';
import { pidsChecks } from './checks/pids-checks.js';
import { sourceChecks } from './checks/source-checks.js';

const controllersCheck: Check = {
  name: 'every controller is enabled for child cgroups',
  async run() {
    const dir = makeCgroup('check-controllers');
    try {
      const have = readRaw(dir, 'cgroup.controllers').split(' ');
      const missing = GUEST_CONTROLLERS.filter((c) => !have.includes(c));
      expectThat(
        missing.length === 0,
        `missing ${missing.join(' ')}; root subtree_control: ${readRaw(CGROUP_ROOT, 'cgroup.subtree_control')}`,
      );
      return have.join(' ');
    } finally {
      await removeCgroup(dir);
    }
  },
};

/**
 * The checks the VM spec expects, in the order the guest runs them. The host imports this list only for
 * the names (one test per check); the guest runs it.
 */
export const CGROUP_V2_CHECKS: readonly Check[] = [
  controllersCheck,
  ...cpuChecks,
  ...memoryChecks,
  ...pidsChecks,
  ...ioChecks,
  ...hugetlbChecks,
  ...oomChecks,
  ...sourceChecks,
  ...encodeChecks,
];
