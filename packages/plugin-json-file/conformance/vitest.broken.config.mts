import { defineProject } from '../../../tools/vitest.shared.mjs';

export default defineProject(`${import.meta.dirname}/..`, 'broken-plugin-conformance', {
  include: ['conformance/*.conformance.ts'],
});
