import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PACKAGE_DIR } from '../package-dir.js';

const run = promisify(execFile);

export const VM_HELPER_SOURCE = join(PACKAGE_DIR, 'src/guest-helper/vm-helper.c');

/** Compiles the static workload helper (see vm-helper.c) once per source change. */
export async function buildVmHelper(cacheDir: string): Promise<string> {
  const source = await readFile(VM_HELPER_SOURCE);
  const out = join(cacheDir, `vm-helper-${createHash('sha256').update(source).digest('hex').slice(0, 12)}`);
  if (
    await stat(out).then(
      () => true,
      () => false,
    )
  )
    return out;
  await mkdir(cacheDir, { recursive: true });
  const partial = `${out}.${process.pid}.partial`;
  await run('gcc', ['-static', '-O2', '-Wall', '-o', partial, VM_HELPER_SOURCE]).catch((e: Error) => {
    throw new Error(`cannot build the VM workload helper (needs gcc and libc6-dev): ${e.message}`);
  });
  await rename(partial, out);
  return out;
}
