import { defineProject } from '../tools/vitest.shared.mjs';

export default defineProject(import.meta.dirname, '@katamon/deploy');
