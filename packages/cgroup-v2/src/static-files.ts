/**
 * The v2 files a sample reads that change only when someone writes them: the limits. With the source's
 * `staticRefreshMs` they are re-read at most that often; every counter is read every sample.
 */
const STATIC = new Set(['memory.max', 'memory.swap.max', 'pids.max']);

export function isStaticV2File(path: string): boolean {
  return STATIC.has(path.slice(path.lastIndexOf('/') + 1));
}
