import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KatamonError, type ContainerRef, type OomSignal, type StatsSource } from '@katamon/core';
import { createTempDir, type TempDir } from '../fake-tree/write-tree.js';
import { writeCgroupV2Tree } from '../fake-tree/cgroup-trees.js';
import { describeStatsSource } from './describe-stats-source.js';

/**
 * A small but real third-party style source: pids from a cgroup v2 directory. `pids.max` is optional
 * here (a missing file means no limit), a missing directory means the container is gone.
 */
function pidsSource(): StatsSource {
  const read = async (path: string, signal?: AbortSignal) => {
    try {
      return (await readFile(path, { encoding: 'utf8', ...(signal ? { signal } : {}) })).trim();
    } catch (error) {
      if ((error as { name?: string }).name === 'AbortError')
        throw new KatamonError('cancelled', 'collect aborted', { cause: error });
      if ((error as { code?: string }).code === 'ENOENT') return undefined;
      throw new KatamonError('io', String(error), { path });
    }
  };
  return {
    name: 'tree-pids',
    probe: (ref) => (ref.cgroup?.version === 2 && ref.cgroup.path !== '' ? 'handle' : 'skip'),
    async collect(ref, signal) {
      if (signal?.aborted) throw new KatamonError('cancelled', 'collect aborted');
      const dir = (ref.cgroup as { path: string }).path;
      const current = await read(join(dir, 'pids.current'), signal);
      if (current === undefined) throw new KatamonError('gone', `cgroup ${dir} is gone`, { path: dir });
      const max = await read(join(dir, 'pids.max'), signal);
      return {
        stats: { pids: { current: BigInt(current), limit: max === undefined || max === 'max' ? 0n : BigInt(max) } },
      };
    },
    // No OOM kills in a fake tree: the watch just waits for its end.
    watchOom: (_ref, signal) => ({
      [Symbol.asyncIterator]: () => ({
        next: () =>
          new Promise<IteratorResult<OomSignal>>((resolve) =>
            signal.aborted
              ? resolve({ done: true, value: undefined })
              : signal.addEventListener('abort', () => resolve({ done: true, value: undefined }), { once: true }),
          ),
      }),
    }),
    release: () => undefined,
  };
}

let tmp: TempDir;
const ref = (id: string, path: string): ContainerRef => ({
  id,
  runtime: 'runc',
  resolver: 'runc',
  status: 'running',
  cgroup: { version: 2, path },
});

describeStatsSource('tree-pids (example)', {
  create: pidsSource,
  async refs() {
    tmp = await createTempDir();
    const full = await writeCgroupV2Tree(tmp.path, 'a.scope', { 'pids.current': '5\n', 'pids.max': '100\n' });
    const minimal = await writeCgroupV2Tree(tmp.path, 'b.scope', { 'pids.current': '1\n' });
    return {
      handled: [ref('a', full.path)],
      minimal: [ref('b', minimal.path)],
      skipped: [
        { id: 'k', runtime: 'kata', resolver: 'kata', status: 'running' },
        { ...ref('v1', ''), cgroup: { version: 1, paths: {} } },
      ],
      gone: ref('c', join(tmp.path, 'c.scope')),
    };
  },
  cleanup: () => tmp.cleanup(),
  sections: ['pids'],
  requiredSections: ['pids'],
});
