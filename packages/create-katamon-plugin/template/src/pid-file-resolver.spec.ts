import { spawnSync } from 'node:child_process';
import { createTempDir, describeContainerResolver, writeTree, type TempDir } from '@katamon/core-testing';
import { describe, expect, it } from 'vitest';
import { createPidFileResolver, RESOLVER_NAME } from './pid-file-resolver.js';

let dir: TempDir;

// The contract katamon holds every resolver to: real pid files, real processes (this one, and one that exited).
describeContainerResolver(RESOLVER_NAME, {
  async fixtures() {
    dir = await createTempDir();
    const exited = spawnSync(process.execPath, ['-e', '']).pid;
    await writeTree(dir.path, {
      'web-1.pid': `${process.pid}\n`,
      'web-12.pid': `${process.pid}\n`,
      'old.pid': `${exited}\n`,
      'junk.pid': 'not a pid\n',
      'notes.txt': 'not a pid file',
    });
    return {
      present: [
        { id: 'web-1', status: 'running' },
        { id: 'web-12', status: 'running' },
        { id: 'old', status: 'stopped' },
        { id: 'junk', status: 'unknown' },
      ],
      gone: { id: 'removed', runtime: RESOLVER_NAME, resolver: RESOLVER_NAME, status: 'running', pid: process.pid },
    };
  },
  create: () => createPidFileResolver(dir.path),
  cleanup: () => dir.cleanup(),
});

describe(RESOLVER_NAME, () => {
  it('sees no containers while the directory does not exist', async () => {
    await expect(createPidFileResolver('/nonexistent/pid-files').list()).resolves.toEqual([]);
  });
});
