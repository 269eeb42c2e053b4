import { hostCgroupRoutes } from '../../tools/cgroup-routes.mjs';
import { defineProject } from '../../tools/vitest.shared.mjs';

// The kernel suites (*.int.spec.ts) need v1 hierarchies. A host without them (cgroup v2 only) leaves them to
// tools/cgroup-vm, whose cgroup-v1.vm.int.spec.ts runs these same files in a hybrid guest on every host.
const onHost = hostCgroupRoutes().v1 === 'host';
export default defineProject(
  import.meta.dirname,
  '@katamon/cgroup-v1',
  onHost ? {} : { exclude: ['src/**/*.int.spec.ts'] },
);
