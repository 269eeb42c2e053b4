import { fileURLToPath } from 'node:url';

/** tools/cgroup-vm, from src/ or from dist/ (the bundled CLI), which sit at the same depth. */
export const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
