import { execFileSync, spawn } from 'node:child_process';
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
    ['not JSON', '{', /: not valid JSON \(at position 1\)$/],
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

  it('refuses a cgroup directory outside the cgroup root, or with a . segment, without quoting it', async () => {
    for (const cgroup of [
      '/etc/katamon-secret',
      '/sys/fs/cgroupx/a',
      { memory: '/tmp/katamon-secret' },
      '/sys/fs/cgroup/./a',
    ]) {
      const file = write('escape.json', JSON.stringify({ containers: [{ id: 'a', cgroup }] }));
      const error = await readContainersFile(file).catch((e: unknown) => e);
      expect(KatamonError.isKind(error, 'parse')).toBe(true);
      expect((error as Error).message).toMatch(
        /^.*escape\.json: containers\[0\]\.cgroup(\.memory)? must be below \/sys\/fs\/cgroup$/,
      );
      expect((error as Error).message).not.toContain('secret');
    }
    const file = write('root.json', JSON.stringify({ containers: [{ id: 'a', cgroup: `${dir}/cg` }] }));
    expect(await readContainersFile(file, `${dir}/`)).toEqual([
      { id: 'a', runtime: 'json-file', cgroup: { version: 2, path: `${dir}/cg` } },
    ]);
  });

  it('does not quote the file when it is not JSON (a secret named as the containers file)', async () => {
    const file = write('secret.json', 'root:$6$katamonsecret:19000:0:99999:7:::\n');
    const error = await readContainersFile(file).catch((e: unknown) => e);
    expect((error as Error).message).toBe(`${file}: not valid JSON`);
  });

  it('answers at once for a FIFO, and refuses a device or a directory', async () => {
    const fifo = join(dir, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    // A reader that waits for a writer would get this valid file after a while: this one must not wait.
    const writer = spawn('sh', ['-c', `sleep 2; echo '{"containers":[]}' > '${fifo}'`], { stdio: 'ignore' });
    try {
      for (const file of [fifo, '/dev/zero', dir]) {
        const error = await readContainersFile(file).catch((e: unknown) => e);
        expect(KatamonError.isKind(error, 'parse'), String(error)).toBe(true);
        expect((error as Error).message).toBe(`${file}: not a regular file`);
      }
    } finally {
      writer.kill('SIGKILL');
    }
  });

  it('reports a missing file as not-found', async () => {
    const error = await readContainersFile(join(dir, 'missing.json')).catch((e: unknown) => e);
    expect(KatamonError.isKind(error, 'not-found')).toBe(true);
  });
});
