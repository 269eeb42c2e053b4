/**
 * Interleaves several async iterables into one, each item as soon as it arrives. Ends when all of them
 * have ended; an error from one ends the merge with that error.
 */
export async function* mergeAsync<T>(sources: readonly AsyncIterable<T>[]): AsyncGenerator<T> {
  const iterators = sources.map((s) => s[Symbol.asyncIterator]());
  // One container (the common case): pull straight through, without a race and a wrapper per item.
  if (iterators.length === 1) return yield* pullOne(iterators[0] as AsyncIterator<T>);
  const pending = new Map<number, Promise<{ index: number; result: IteratorResult<T> }>>();
  const pull = (index: number) => {
    const iterator = iterators[index] as AsyncIterator<T>;
    pending.set(
      index,
      iterator.next().then((result) => ({ index, result })),
    );
  };
  iterators.forEach((_, index) => pull(index));
  try {
    while (pending.size > 0) {
      const { index, result } = await Promise.race(pending.values());
      if (result.done) {
        pending.delete(index);
        continue;
      }
      pull(index);
      yield result.value;
    }
  } finally {
    // Stopped early: let the unfinished sources clean up, without waiting on a pull that may never settle.
    for (const index of pending.keys()) void iterators[index]?.return?.()?.catch?.(() => undefined);
  }
}

async function* pullOne<T>(iterator: AsyncIterator<T>): AsyncGenerator<T> {
  let finished = false;
  try {
    for (;;) {
      const result = await iterator.next();
      if (result.done) {
        finished = true;
        return;
      }
      yield result.value;
    }
  } finally {
    // Same as the merge: a stopped consumer lets the source clean up, without waiting on it.
    if (!finished) void iterator.return?.()?.catch?.(() => undefined);
  }
}
