import { defineProject } from '../../tools/vitest.shared.mjs';

// Spec files run one after another: two TCG guests at once on a 2-core runner each run at half speed.
export default defineProject(import.meta.dirname, '@katamon/cgroup-vm', { fileParallelism: false });
