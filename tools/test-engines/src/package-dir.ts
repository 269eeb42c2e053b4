import { fileURLToPath } from 'node:url';

/** tools/test-engines, from src/ or dist/, which sit at the same depth. */
export const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
