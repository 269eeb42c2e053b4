import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KatamonError } from '@katamon/core';
import { readContainersFile } from './containers-file.js';

const dir = mkdtempSync(join(tmpdir(), 'katamon-json-file-'));
const write = (name: string, content: string) => {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
};

describe(readContainersFile, () => {
  it('reads v1 and v2 cgroups, pids, netns and runtime names', async () => {
    const file = write(
      'ok.json',
      JSON.stringify({
        containers: [
          { id: 'web-1', pid: 1, cgroup: '/sys/fs/cgroup/system.slice/web.service', runtime: 'systemd' },
          { id: 'lxc.db', cgroup: { memory: '/sys/fs/cgroup/memory/lxc/db' }, netns: '/run/netns/db' },
        ],
      }),
    );
    expect(await readContainersFile(file)).toEqual([
      {
        id: 'web-1',
        pid: 1,
        runtime: 'systemd',
        cgroup: { version: 2, path: '/sys/fs/cgroup/system.slice/web.service' },
      },
      {
        id: 'lxc.db',
        runtime: 'json-file',
        cgroup: { version: 1, paths: { memory: '/sys/fs/cgroup/memory/lxc/db' } },
        netns: '/run/netns/db',
      },
    ]);
  });

  it.each([
    ['not JSON', '{', /not JSON/],
    ['no list', '{}', /expected \{"containers"/],
    ['bad id', '{"containers":[{"id":"../etc"}]}', /containers\[0\]\.id: invalid container ID format/],
    ['relative cgroup', '{"containers":[{"id":"a","cgroup":"sys/fs"}]}', /must be an absolute path/],
    ['dot-dot cgroup', '{"containers":[{"id":"a","cgroup":"/sys/../etc"}]}', /must be an absolute path without '\.\.'/],
    ['bad pid', '{"containers":[{"id":"a","pid":-4}]}', /pid must be a positive integer/],
    ['duplicate', '{"containers":[{"id":"a"},{"id":"a"}]}', /duplicate id a/],
  ])('rejects %s with a parse error naming the file', async (_name, content, message) => {
    const file = write('bad.json', content);
    const error = await readContainersFile(file).catch((e: unknown) => e);
    expect(KatamonError.isKind(error, 'parse')).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message.startsWith(file)).toBe(true);
  });

  it('reports a missing file as not-found', async () => {
    const error = await readContainersFile(join(dir, 'missing.json')).catch((e: unknown) => e);
    expect(KatamonError.isKind(error, 'not-found')).toBe(true);
  });
});
