import { readFileSync } from 'node:fs';
import { runCommand } from './run-command.js';

/** mountinfo escapes space, tab, newline and backslash as octal. */
function unescapeMountPath(path: string): string {
  return path.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/** Mount points at or below `dir`, deepest first (the order they can be unmounted in). */
export function mountsUnder(dir: string): string[] {
  const prefix = dir.replace(/\/+$/, '');
  const points = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => unescapeMountPath(line.split(' ')[4] ?? ''))
    .filter((point) => point === prefix || point.startsWith(prefix + '/'));
  // Reverse mount order first: a later mount may sit on an earlier one at the same path.
  return [...new Set(points.reverse())].sort((a, b) => b.split('/').length - a.split('/').length);
}

/**
 * Unmounts everything the engines left under `dir` (container rootfs overlays, CRI sandbox shm, Podman's
 * private bind of its storage), falling back to a lazy unmount for a mount still busy. Returns what is left.
 */
export async function unmountUnder(dir: string): Promise<string[]> {
  for (const point of mountsUnder(dir)) {
    const plain = await runCommand(['umount', point], { timeoutMs: 30_000 });
    if (plain.code !== 0) await runCommand(['umount', '-l', point], { timeoutMs: 30_000 });
  }
  return mountsUnder(dir);
}
