import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createTempDir, describeContainerResolver, writeTree, type TempDir } from '@katamon/core-testing';
import { createJsonFileResolver, RESOLVER_NAME } from './json-file-resolver.js';

let dir: TempDir;

// The resolver conformance suite on a real file describing real processes: this one, and one that has exited.
describeContainerResolver('json-file', {
  async fixtures() {
    dir = await createTempDir();
    const exited = spawnSync(process.execPath, ['-e', '']).pid;
    await writeTree(dir.path, {
      'containers.json': JSON.stringify({
        containers: [
          { id: 'web-1', pid: process.pid, cgroup: '/sys/fs/cgroup/system.slice/web.service', runtime: 'systemd' },
          { id: 'web-12', pid: process.pid, runtime: 'process' },
          { id: 'old', pid: exited, runtime: 'process' },
          { id: 'no-pid', runtime: 'lxc' },
        ],
      }),
    });
    return {
      present: [
        { id: 'web-1', status: 'running' },
        { id: 'web-12', status: 'running' },
        { id: 'old', status: 'stopped' },
        { id: 'no-pid', status: 'running' },
      ],
      gone: { id: 'removed', runtime: 'process', resolver: RESOLVER_NAME, status: 'running', pid: process.pid },
    };
  },
  create: () => createJsonFileResolver(join(dir.path, 'containers.json')),
  cleanup: () => dir.cleanup(),
});
