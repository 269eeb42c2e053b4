import { defineProject } from '../../tools/vitest.shared.mjs';

export default defineProject(import.meta.dirname, 'create-katamon-plugin');
