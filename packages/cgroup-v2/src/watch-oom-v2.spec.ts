import { writeFileSync } from 'node:fs';
import type { OomSignal } from '@katamon/core';
import { watchOomV2 } from './watch-oom-v2.js';
import { writeTree, FAKE_AREAS } from './fake-tree.spec-helper.js';

const events = (oomKill: number, max = 0): string =>
  `low 0\nhigh 0\nmax ${max}\noom ${oomKill}\noom_kill ${oomKill}\noom_group_kill 0\n`;

async function collect(iter: AsyncIterable<OomSignal>, act: (n: number) => void): Promise<OomSignal[]> {
  const got: OomSignal[] = [];
  for await (const s of iter) {
    got.push(s);
    act(got.length);
  }
  return got;
}

describe.each([
  ['inotify', { useInotify: true, pollMs: 600_000, areas: FAKE_AREAS }],
  ['polling fallback', { useInotify: false, pollMs: 10, areas: FAKE_AREAS }],
])('watchOomV2 via %s', (_name, options) => {
  it('signals each oom_kill increase once, not on unrelated changes, then gone when unpopulated', async () => {
    const tree = writeTree({
      'memory.events': events(2),
      'cgroup.events': 'populated 1\nfrozen 0\n',
    });
    const ac = new AbortController();
    const iter = watchOomV2(tree.dir, ac.signal, options);
    const step = (file: string, content: string, ms: number): void => {
      setTimeout(() => writeFileSync(`${tree.dir}/${file}`, content), ms);
    };
    // Kills before the watch began are not reported; a `max` change after them is not an OOM.
    step('memory.events', events(2, 5), 30);
    step('memory.events', events(3, 5), 80);
    const got = await collect(iter, (n) => {
      if (n === 1) step('cgroup.events', 'populated 0\nfrozen 0\n', 30);
    });
    expect(got).toEqual(['oom', 'gone']);
    tree.cleanup();
  });
});

describe('watchOomV2 ending', () => {
  it('ends without a value when aborted', async () => {
    const tree = writeTree({
      'memory.events': events(0),
      'cgroup.events': 'populated 1\n',
    });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 20);
    const got: OomSignal[] = [];
    for await (const s of watchOomV2(tree.dir, ac.signal, { pollMs: 5, areas: FAKE_AREAS })) got.push(s);
    expect(got).toEqual([]);
    tree.cleanup();
  });

  it('ends without saying gone when its files are refused (a plain file where cgroupfs should be)', async () => {
    const tree = writeTree({ 'memory.events': events(0), 'cgroup.events': 'populated 1\n' });
    const got: OomSignal[] = [];
    // The production areas: cgroupfs below /sys/fs/cgroup; the tree is neither.
    for await (const s of watchOomV2(tree.dir, new AbortController().signal, { pollMs: 5 })) got.push(s);
    expect(got).toEqual([]);
    tree.cleanup();
  });

  // A removed directory is seen through the stale descriptor's ENODEV on cgroupfs (a regular temp file keeps
  // reading after unlink, so that case is proven on real cgroups: sysfs reader int test, cgroup-v1 OOM int test).
  it('says gone at once for a directory that does not exist', async () => {
    const got: OomSignal[] = [];
    for await (const s of watchOomV2('/sys/fs/cgroup/katamon-nonexistent/cg', new AbortController().signal))
      got.push(s);
    expect(got).toEqual(['gone']);
  });
});
