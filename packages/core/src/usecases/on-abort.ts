type Listener = () => void;

// One real listener per signal however many streams share it: Node warns past 10 listeners on an
// AbortSignal (MaxListenersExceededWarning), and an app may watch hundreds of containers with one signal.
const fanOut = new WeakMap<AbortSignal, Set<Listener>>();

/** Runs `listener` once when `signal` aborts; returns a function that unregisters it. */
export function onAbort(signal: AbortSignal, listener: Listener): () => void {
  if (signal.aborted) {
    listener();
    return () => undefined;
  }
  let listeners = fanOut.get(signal);
  if (listeners === undefined) {
    const set = new Set<Listener>();
    listeners = set;
    fanOut.set(signal, set);
    signal.addEventListener(
      'abort',
      () => {
        fanOut.delete(signal);
        for (const fn of [...set]) fn();
      },
      { once: true },
    );
  }
  const own = listeners;
  let once: Listener | undefined = () => {
    own.delete(once as Listener);
    once = undefined;
    listener();
  };
  own.add(once);
  return () => {
    if (once !== undefined) own.delete(once);
    once = undefined;
  };
}
