import type { ContainerRef, Katamon, StreamItem } from '@katamon/core';
import { watchAll, type WatchAllOptions } from './watch-all.js';

const ref = (id: string, pid = 100): ContainerRef => ({
  id,
  runtime: 'runc',
  resolver: 'runc',
  status: 'running',
  pid,
});
const sample = (id: string): StreamItem => ({
  type: 'sample',
  sample: { id, timestamp: 1, stats: {}, sources: [], issues: [] },
});
const end = (id: string, reason: 'gone' | 'cancelled' = 'gone'): StreamItem => ({ type: 'end', id, reason });

/** A Katamon whose watch subscriptions the test drives: `emit(id, item)` delivers to that container's watcher. */
function fakeKatamon() {
  const watchers = new Map<string, (item: StreamItem) => void>();
  const watched: string[] = [];
  const unsubscribed: string[] = [];
  let listing: ContainerRef[] | Error = [];
  const katamon = {
    watch(r: ContainerRef, options: { signal?: AbortSignal }, onItem: (item: StreamItem) => void) {
      watched.push(r.id);
      if (options.signal?.aborted) {
        onItem(end(r.id, 'cancelled'));
        return () => undefined;
      }
      watchers.set(r.id, onItem);
      return () => {
        unsubscribed.push(r.id);
        watchers.delete(r.id);
      };
    },
    list: async () => {
      if (listing instanceof Error) throw listing;
      return listing;
    },
  } as unknown as Katamon;
  return {
    katamon,
    watched,
    unsubscribed,
    emit: (id: string, item: StreamItem) => {
      const onItem = watchers.get(id);
      if (item.type === 'end') watchers.delete(id);
      onItem?.(item);
    },
    setList: (refs: ContainerRef[] | Error) => void (listing = refs),
  };
}

function options(k: ReturnType<typeof fakeKatamon>, refs: ContainerRef[], extra: Partial<WatchAllOptions> = {}) {
  const printed: StreamItem[] = [];
  const ac = new AbortController();
  const o: WatchAllOptions = {
    katamon: k.katamon,
    refs,
    intervalMs: 100,
    signal: ac.signal,
    onItem: (item) => void printed.push(item),
    stopped: () => false,
    ...extra,
  };
  return { o, printed, ac };
}

let settled: boolean;
const track = (p: Promise<void>) => {
  settled = false;
  void p.then(
    () => (settled = true),
    () => (settled = true),
  );
  return p;
};

describe('watchAll', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('interleaves the containers and settles when every stream has ended', async () => {
    const k = fakeKatamon();
    const { o, printed } = options(k, [ref('a'), ref('b')]);
    const done = track(watchAll(o));
    k.emit('a', sample('a'));
    k.emit('b', sample('b'));
    k.emit('a', end('a'));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    k.emit('b', end('b'));
    await done;
    expect(printed.map((i) => `${i.type}:${'id' in i ? i.id : i.type === 'sample' ? i.sample.id : ''}`)).toEqual([
      'sample:a',
      'sample:b',
      'end:a',
      'end:b',
    ]);
  });

  it('a throwing printer ends the stream with that error and unsubscribes the rest', async () => {
    const k = fakeKatamon();
    const { o } = options(k, [ref('a'), ref('b')], {
      onItem: () => {
        throw new Error('EIO on stdout');
      },
    });
    const done = watchAll(o);
    k.emit('a', sample('a'));
    await expect(done).rejects.toThrow('EIO on stdout');
    expect(k.unsubscribed.sort()).toEqual(['a', 'b']);
  });

  it('stops after the item that found the output closed', async () => {
    const k = fakeKatamon();
    let closed = false;
    const { o, printed } = options(k, [ref('a')], { stopped: () => closed });
    const done = watchAll(o);
    k.emit('a', sample('a'));
    closed = true;
    k.emit('a', sample('a'));
    k.emit('a', sample('a'));
    await done;
    expect(printed).toHaveLength(2);
    expect(k.unsubscribed).toEqual(['a']);
  });

  it('an already aborted signal settles at once and watches nothing', async () => {
    const k = fakeKatamon();
    const { o, ac } = options(k, [ref('a')]);
    ac.abort();
    await watchAll(o);
    expect(k.watched).toEqual([]);
  });

  it('follow: waits with no container, picks up new ones, skips a gone one listed again with the same pid', async () => {
    const k = fakeKatamon();
    const listErrors: unknown[] = [];
    const { o, printed, ac } = options(k, [], {
      follow: { list: () => k.katamon.list(), everyMs: 1000, onListError: (e) => void listErrors.push(e) },
    });
    const done = track(watchAll(o));
    await vi.advanceTimersByTimeAsync(999);
    expect(k.watched).toEqual([]);
    k.setList([ref('a', 7), { ...ref('s'), status: 'stopped' }]);
    await vi.advanceTimersByTimeAsync(1);
    expect(k.watched).toEqual(['a']);
    k.emit('a', sample('a'));
    k.emit('a', end('a'));
    // Still listed with the same init process (the state file outlives it for a moment): not watched again.
    await vi.advanceTimersByTimeAsync(1000);
    expect(k.watched).toEqual(['a']);
    expect(settled).toBe(false);
    // The same id with a new init process is a new container; a listing error is reported and retried.
    k.setList(new Error('EACCES /run/runc'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(listErrors).toHaveLength(1);
    k.setList([ref('a', 8), ref('b')]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(k.watched).toEqual(['a', 'a', 'b']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(k.watched).toEqual(['a', 'a', 'b']);
    ac.abort();
    await done;
    expect(k.unsubscribed.sort()).toEqual(['a', 'b']);
    expect(printed.map((i) => i.type)).toEqual(['sample', 'end']);
    expect(vi.getTimerCount()).toBe(0);
  });
});
