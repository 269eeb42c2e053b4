import { latin1Range } from './latin1-and-clock.js';
import {
  NOT_REMEMBERED,
  bytesMemo,
  memoValue,
  type Memo,
} from './parsed-memos.js';

/** The files one batch key read last time, in order, with the descriptors they were read through. */
export interface BatchPlan {
  paths: string[];
  fds: Int32Array;
  /** Per entry, its last parse (PseudoFileReader.readParsed): no lookup by path on the batch path. */
  memos: (Memo | undefined)[];
  /** Where each file's bytes start and how many there are, or -errno, as the addon reports them. */
  out: Int32Array;
  /** The reader's descriptor generation the fds belong to: any close makes the plan stale. */
  generation: number;
  /** The next plan entry a read of this batch should be. */
  cursor: number;
  /** A read that the batch could not serve: make the plan again at the end. */
  stale: boolean;
}

/** A reader's batch plans, by key. */
export class BatchPlans {
  readonly #plans = new Map<string, BatchPlan>();

  /** The key's plan when it still names the descriptors of `generation`, ready to be served. */
  usable(key: string, generation: number): BatchPlan | undefined {
    const plan = this.#plans.get(key);
    if (
      plan === undefined ||
      plan.generation !== generation ||
      plan.paths.length === 0
    )
      return undefined;
    plan.cursor = 0;
    plan.stale = false;
    return plan;
  }

  /** Whether a batch that used `served` (or none) and read `recorded` needs a new plan. */
  static outdated(
    served: BatchPlan | undefined,
    recorded: readonly string[],
  ): boolean {
    return (
      served === undefined ||
      served.stale ||
      served.cursor !== served.paths.length ||
      recorded.length !== served.paths.length
    );
  }

  /** A plan from the paths a batch read, if every one of them is held (`held.fds`); else none for `key`. */
  make(
    key: string,
    paths: string[],
    held: { fds: ReadonlyMap<string, number>; generation: number },
  ): void {
    const { fds, generation } = held;
    const numbers = new Int32Array(paths.length);
    for (let i = 0; i < paths.length; i++) {
      const fd = fds.get(paths[i] as string);
      if (fd === undefined) {
        this.#plans.delete(key);
        return;
      }
      numbers[i] = fd;
    }
    this.#plans.set(key, {
      paths,
      fds: numbers,
      memos: new Array<Memo | undefined>(paths.length),
      out: new Int32Array(paths.length * 2),
      generation,
      cursor: 0,
      stale: false,
    });
  }

  /** Forgets the plans that read any path under `prefix` (a directory with its trailing slash), or all. */
  forget(prefix?: string): void {
    if (prefix === undefined) this.#plans.clear();
    else
      for (const [key, plan] of [...this.#plans])
        if (plan.paths.some((path) => path.startsWith(prefix)))
          this.#plans.delete(key);
  }
}

/**
 * PseudoFileReader.readParsed of plan entry `slot`, whose bytes the batch just read (`bytes[start, start +
 * length)`): remembered in the plan itself, so the batch path looks nothing up by path (a plan's files are
 * never static ones: those are read outside it). An answer from the memo counts as `unchanged`.
 */
export function parsePlanned<T>(
  plan: BatchPlan,
  slot: number,
  parse: (text: string, path: string) => T,
  bytes: Buffer,
  start: number,
  length: number,
  counters: { unchanged: number },
): T {
  const memo = plan.memos[slot];
  const known = memoValue(memo, parse, bytes, start, length);
  if (known !== NOT_REMEMBERED) {
    counters.unchanged++;
    return known as T;
  }
  const value = parse(
    latin1Range(bytes, start, start + length),
    plan.paths[slot] as string,
  );
  plan.memos[slot] = bytesMemo(memo, parse, value, bytes, start, length);
  return value;
}
