import { latin1Range } from './latin1-and-clock.js';
import { NOT_REMEMBERED, bytesMemo, memoValue, type Memo, type Parse } from './parsed-memos.js';
import { RingDirs } from './ring-dirs.js';

/** The files one batch key read last time, in order, with the descriptors they were read through. */
export interface BatchPlan {
  paths: string[];
  fds: Int32Array;
  /** Per entry, its last parse (PseudoFileReader.readParsed): no lookup by path on the batch path. */
  memos: (Memo | undefined)[];
  /** The kept (static) files the key's batch read between them, with their values. */
  kept: KeptSteps;
  /** Where each file's bytes start and how many there are, or -errno, as the addon reports them. */
  out: Int32Array;
  /** The reader's descriptor generation the fds belong to: any close makes the plan stale. */
  generation: number;
  /** The next plan entry a read of this batch should be. */
  cursor: number;
  /** A read that the batch could not serve: make the plan again at the end. */
  stale: boolean;
  /** Whether the addon reads it through io_uring (every file on cgroupfs); decided at its first use. */
  ring?: boolean;
}

/**
 * The kept files a batch read (PseudoFileReader.readParsed of a static file answered from its kept text), in
 * order, with the parse and the value: the next batch answers them without a lookup by path while the
 * kept files' epoch is the same (no write seen, nothing forgotten since).
 */
export interface KeptSteps {
  paths: string[];
  parses: Parse[];
  values: unknown[];
  epoch: number;
  /** The next step a read of this batch should be. */
  cursor: number;
}

export function noKeptSteps(): KeptSteps {
  return { paths: [], parses: [], values: [], epoch: Number.NaN, cursor: 0 };
}

/**
 * The value of `plan`'s next kept step when it is `path` read with `parse` and still valid at `epoch` (the
 * step is then taken), else {@link NOT_REMEMBERED}.
 */
export function keptStep(plan: BatchPlan, path: string, parse: Parse, epoch: number): unknown {
  const k = plan.kept;
  const j = k.cursor;
  if (k.paths[j] !== path || k.parses[j] !== parse || k.epoch !== epoch) return NOT_REMEMBERED;
  k.cursor = j + 1;
  return k.values[j];
}

/** A log of kept steps that starts with the ones `plan` served so far this batch (none without a plan). */
export function keptLogFrom(plan: BatchPlan | undefined): KeptSteps {
  const log = noKeptSteps();
  if (plan === undefined) return log;
  const { paths, parses, values, cursor } = plan.kept;
  log.paths = paths.slice(0, cursor);
  log.parses = parses.slice(0, cursor);
  log.values = values.slice(0, cursor);
  return log;
}

export function logKeptStep(log: KeptSteps, path: string, parse: Parse, value: unknown): void {
  log.paths.push(path);
  log.parses.push(parse);
  log.values.push(value);
}

/**
 * The files a batch read, in order. One log serves every batch of a reader: it counts its entries itself,
 * because emptying an array by writing its `length` is a call into V8's runtime at every sample.
 */
export class ReadLog {
  readonly #paths: string[] = [];
  length = 0;

  push(path: string): void {
    this.#paths[this.length++] = path;
  }

  clear(): void {
    this.length = 0;
  }

  /** The paths logged since the last clear(), in a new array. */
  copy(): string[] {
    return this.#paths.slice(0, this.length);
  }
}

/** A reader's batch plans, by key. */
export class BatchPlans {
  readonly #plans = new Map<string, BatchPlan>();
  readonly #ringDirs = new RingDirs();

  /** The key's plan when it still names the descriptors of `generation`, ready to be served. */
  usable(key: string, generation: number): BatchPlan | undefined {
    const plan = this.#plans.get(key);
    if (plan === undefined || plan.generation !== generation || plan.paths.length === 0) return undefined;
    plan.cursor = 0;
    plan.kept.cursor = 0;
    plan.stale = false;
    plan.ring ??= this.#ringDirs.all(plan.paths);
    return plan;
  }

  /** Whether a batch that used `served` (or none) and read `recorded` needs a new plan. */
  static outdated(served: BatchPlan | undefined, recorded: { readonly length: number }): boolean {
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
  ): BatchPlan | undefined {
    const { fds, generation } = held;
    const numbers = new Int32Array(paths.length);
    for (let i = 0; i < paths.length; i++) {
      const fd = fds.get(paths[i] as string);
      if (fd === undefined) {
        this.#plans.delete(key);
        return undefined;
      }
      numbers[i] = fd;
    }
    const plan: BatchPlan = {
      paths,
      fds: numbers,
      memos: new Array<Memo | undefined>(paths.length),
      kept: noKeptSteps(),
      out: new Int32Array(paths.length * 2),
      generation,
      cursor: 0,
      stale: false,
    };
    this.#plans.set(key, plan);
    return plan;
  }

  /** Forgets the plans that read any path under `prefix` (a directory with its trailing slash), or all. */
  forget(prefix?: string): void {
    this.#ringDirs.forget(prefix);
    if (prefix === undefined) this.#plans.clear();
    else
      for (const [key, plan] of [...this.#plans])
        if (plan.paths.some((path) => path.startsWith(prefix))) this.#plans.delete(key);
  }
}

/**
 * Takes `plan`'s next entry when it is `path`: the length of its bytes (from `out[2i]` in the batch buffer),
 * or -errno when its read failed (a removed cgroup, -ENOBUFS: a full buffer; the plan is then stale and the
 * file is read as usual), or -1 when `path` is not the next file (one the plan lacks: read as usual).
 */
export function takePlanned(plan: BatchPlan, path: string): number {
  const i = plan.cursor;
  if (plan.paths[i] !== path) return -1;
  plan.cursor = i + 1;
  const length = plan.out[2 * i + 1] as number;
  if (length < 0) plan.stale = true;
  return length;
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
  const value = parse(latin1Range(bytes, start, start + length), plan.paths[slot] as string);
  plan.memos[slot] = bytesMemo(memo, parse, value, bytes, start, length);
  return value;
}

/**
 * After a batch: the kept steps `plan` (the one served, or the one made again) answers next time: the batch's
 * log when it had one; the ones the served plan answered when it answered fewer than it has; else unchanged.
 */
export function settleKeptSteps(
  served: BatchPlan | undefined,
  plan: BatchPlan | undefined,
  log: KeptSteps | undefined,
  epoch: number,
): void {
  if (plan === undefined) return;
  const kept = served?.kept;
  if (log === undefined && served !== undefined && kept !== undefined && kept.cursor !== kept.paths.length)
    log = keptLogFrom(served);
  if (log !== undefined) {
    log.epoch = epoch;
    plan.kept = log;
  } else if (kept !== undefined) plan.kept = kept;
}
