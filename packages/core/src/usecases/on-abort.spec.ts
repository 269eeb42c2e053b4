import { onAbort } from './on-abort.js';

describe(onAbort, () => {
  it('calls every listener once on abort, except unregistered ones, through one real listener', () => {
    const ac = new AbortController();
    const add = vi.spyOn(ac.signal, 'addEventListener');
    const calls: string[] = [];
    onAbort(ac.signal, () => calls.push('a'));
    const off = onAbort(ac.signal, () => calls.push('b'));
    for (let i = 0; i < 50; i++) onAbort(ac.signal, () => calls.push('many'));
    off();
    off();
    ac.abort();
    ac.abort();
    expect(calls.filter((c) => c !== 'many')).toEqual(['a']);
    expect(calls).toHaveLength(51);
    expect(add).toHaveBeenCalledTimes(1);
  });

  it('works again for a listener registered after an unregister', () => {
    const ac = new AbortController();
    const fn = vi.fn();
    onAbort(ac.signal, fn)();
    onAbort(ac.signal, fn);
    ac.abort();
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('calls the listener at once for a signal already aborted', () => {
    const fn = vi.fn();
    onAbort(AbortSignal.abort(), fn)();
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
