import { defineProject } from '../../tools/vitest.shared.mjs';

// Real daemons on a loaded 2-core machine: a wait that hangs must report itself (waitFor gives up after
// 60 s by default) before the test's own timeout hides which wait it was.
export default defineProject(import.meta.dirname, '@katamon/test-engines', {
  testTimeout: 120_000,
  hookTimeout: 180_000,
});
