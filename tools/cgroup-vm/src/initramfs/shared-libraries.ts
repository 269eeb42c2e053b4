import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The absolute paths `ldd` prints for a dynamically linked binary: "libc.so.6 => /lib/…/libc.so.6 (0x…)"
 * and the interpreter line "/lib64/ld-linux-x86-64.so.2 (0x…)". The vDSO has no file and is skipped.
 */
export function parseLddOutput(text: string): string[] {
  const paths: string[] = [];
  for (const line of text.split('\n')) {
    const arrow = line.indexOf('=>');
    const candidate = (arrow >= 0 ? line.slice(arrow + 2) : line).trim().split(/\s+/)[0] ?? '';
    if (candidate.startsWith('/') && !paths.includes(candidate)) paths.push(candidate);
  }
  return paths;
}

/** Libraries a binary needs at the paths the loader will look for them. */
export async function sharedLibraries(binary: string): Promise<string[]> {
  const { stdout } = await run('ldd', [binary]);
  return parseLddOutput(stdout);
}
