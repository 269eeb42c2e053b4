import { SysfsError } from './sysfs-error.js';
import { loadBatchReadAddon, type BatchReadAddon } from './native-batch.js';
import type { PseudoFileReaderOptions } from './pseudo-file-reader-options.js';
import {
  BatchPlans,
  keptLogFrom,
  keptStep,
  logKeptStep,
  parsePlanned,
  ReadLog,
  settleKeptSteps,
  takePlanned,
  type BatchPlan,
  type KeptSteps,
} from './batch-plans.js';
import { KeptFiles } from './kept-files.js';
import { WriteWatch } from './write-watch.js';
import { MissingFiles } from './missing-files.js';
import { latin1Range, monotonicMs } from './latin1-and-clock.js';
import { NOT_REMEMBERED, ParsedMemos } from './parsed-memos.js';
import { newReaderCounters, type ReaderCounters } from './reader-counters.js';
import { DescriptorTable } from './descriptor-table.js';
import { AreaGuard } from './area-guard.js';
import { KERNEL_AREAS } from './read-areas.js';
import { ReadBuffers } from './read-buffers.js';

const DEFAULT_MAX_OPEN = 4096;
const DEFAULT_MISSING_TTL_MS = 10_000;

/**
 * Reads kernel pseudo-files the cheap way: each file is opened once and re-read with one positional read
 * at offset 0 (the kernel regenerates the content) into a buffer shared by every file. Synchronous on
 * purpose: a cgroupfs read never waits on a device, and a sync `pread` costs about a fifth of a
 * `FileHandle.read` (tools/bench).
 *
 * Paths are untrusted: a file is opened only inside the reader's `areas` (AreaGuard: below a root, on the
 * kernel's filesystem, a regular file, never through a link, never blocking) and read up to `maxFileBytes`
 * (ReadBuffers). The checks run at open time, never per read. A stale descriptor (a removed cgroup) is
 * reopened once (DescriptorTable); a fleet beyond `maxOpenFiles` is read partly open-read-close. The
 * package README tells the invariants and how to change them.
 */
export class PseudoFileReader {
  readonly #table: DescriptorTable;
  readonly #missing: MissingFiles;
  readonly #buffers: ReadBuffers;
  /** The batch addon; undefined until first needed (a one-shot sample never loads it), null: none. */
  #addon: BatchReadAddon | null | undefined;
  readonly #plans = new BatchPlans();
  /** The plan being served, and the paths read through held descriptors during the batch. */
  #active: BatchPlan | undefined;
  #recorded: ReadLog | undefined;
  readonly #recordBuffer = new ReadLog();
  /** The batch's kept steps, logged from the first one the plan could not answer (see KeptSteps). */
  #keptLog: KeptSteps | undefined;
  /** Whether the last static {@link read} was answered from a kept text. */
  #fromKept = false;
  readonly #kept: KeptFiles;
  readonly #parsed: ParsedMemos;
  /** Where the last byte-level read left its bytes: this buffer, from this offset. */
  #bytes: Buffer = Buffer.alloc(0);
  #bytesStart = 0;

  constructor(options: PseudoFileReaderOptions = {}) {
    const maxOpen = Math.max(1, options.maxOpenFiles ?? DEFAULT_MAX_OPEN);
    this.#table = new DescriptorTable(maxOpen, new AreaGuard(options.areas ?? KERNEL_AREAS));
    this.#missing = new MissingFiles(options.missingTtlMs ?? DEFAULT_MISSING_TTL_MS, maxOpen);
    this.#buffers = new ReadBuffers(options.initialBufferSize, options.maxFileBytes);
    this.#kept = new KeptFiles(options.staticFiles, maxOpen * 4, () => WriteWatch.open(this.#resolveAddon()), {
      replaced: (path) => this.#table.drop(path),
      gone: (d) => this.forget(d),
    });
    this.#parsed = new ParsedMemos(maxOpen * 4);
    this.#addon = options.batchAddon;
  }

  #resolveAddon(): BatchReadAddon | null {
    if (this.#addon === undefined) this.#addon = loadBatchReadAddon() ?? null;
    return this.#addon;
  }

  /** What this reader did (see {@link newReaderCounters}). */
  readonly counters: ReaderCounters = newReaderCounters();

  /** Whether {@link batch} re-reads with the native addon (else it just runs `fn`). */
  get batching(): boolean {
    return this.#resolveAddon() !== null;
  }

  /**
   * Runs `fn` (one container's synchronous sample) with the files `key`'s previous batch read through held
   * descriptors re-read up front, in order, in one native call; a read of `fn` that is the plan's next file
   * gets those bytes, any other is read as usual, and the plan is made again when it no longer matches. The
   * addon is loaded at the first batch that has a plan (a single sample never loads it).
   */
  batch<T>(key: string, fn: () => T): T {
    if (this.#recorded !== undefined) return fn();
    this.#kept.sync();
    if (this.#addon === null) return fn();
    const plan = this.#plans.usable(key, this.#table.generation);
    if (plan !== undefined) {
      const addon = this.#resolveAddon();
      if (addon === null) return fn();
      addon.readBatch(plan.fds, this.#buffers.startBatch(), plan.out, plan.ring);
      this.counters.batches++;
      if (plan.ring === true) this.counters.ring++;
      this.#active = plan;
    }
    // One log for every batch (a plan made from it takes a copy): no allocation per sample.
    const recorded = this.#recordBuffer;
    recorded.clear();
    this.#recorded = recorded;
    try {
      return fn();
    } finally {
      const served = this.#active;
      this.#active = undefined;
      this.#recorded = undefined;
      const log = this.#keptLog;
      this.#keptLog = undefined;
      const plan = BatchPlans.outdated(served, recorded) ? this.#plans.make(key, recorded.copy(), this.#table) : served;
      settleKeptSteps(served, plan, log, this.#kept.epoch);
    }
  }

  /** The plan's bytes for `path` (their length; bytes in #bytes from #bytesStart) when it is the next file read, else -1. */
  #fromBatch(plan: BatchPlan, path: string): number {
    const i = plan.cursor;
    const length = takePlanned(plan, path);
    if (length < 0) {
      if (length === -(this.#addon as BatchReadAddon).ENOBUFS) this.#buffers.growBatch();
      return -1;
    }
    const start = plan.out[2 * i] as number;
    this.counters.hits++;
    this.#table.hit(path, plan.fds[i] as number);
    this.counters.batched++;
    this.#recorded?.push(path);
    this.#bytes = this.#buffers.batch;
    this.#bytesStart = start;
    return length;
  }

  /** Number of descriptors currently held. */
  get openFiles(): number {
    return this.#table.size;
  }

  /** The file's whole content (latin1: kernel files are ASCII). Throws {@link SysfsError}. */
  read(path: string): string {
    const plan = this.#active;
    if (plan?.paths[plan.cursor] === path || !this.#kept.isStatic(path)) return this.#readNow(path);
    // In a batch, the batch start synced the kept files with the writes seen; outside one, now.
    const recorded = this.#recorded;
    if (recorded === undefined) this.#kept.sync();
    const now = monotonicMs();
    const kept = this.#kept.get(path, now);
    this.#fromKept = kept !== undefined;
    if (kept !== undefined) {
      this.counters.kept++;
      return kept;
    }
    // The directory passes the area checks before a write watch is put on it.
    this.#table.guard.checkDir(path);
    this.#kept.arm(path);
    // Not part of a batch plan: the plan stays the files read every sample.
    this.#recorded = undefined;
    let text: string;
    try {
      text = this.#readNow(path);
    } finally {
      this.#recorded = recorded;
    }
    this.#kept.keep(path, text, now);
    return text;
  }

  /**
   * `parse(read(path), path)`, except that bytes equal to this path's previous readParsed with the same
   * `parse` return that call's value without decoding or parsing. The value is shared (treat it as
   * immutable) and `parse` must depend on its arguments only (a module-level function). Throws are not kept.
   */
  readParsed<T>(path: string, parse: (text: string, path: string) => T): T {
    const plan = this.#active;
    if (plan !== undefined && plan.paths[plan.cursor] !== path) {
      const value = keptStep(plan, path, parse, this.#kept.epoch);
      if (value !== NOT_REMEMBERED) {
        this.counters.kept++;
        if (this.#keptLog !== undefined) logKeptStep(this.#keptLog, path, parse, value);
        return value as T;
      }
    } else if (plan !== undefined) {
      const slot = plan.cursor;
      const length = this.#fromBatch(plan, path);
      if (length >= 0) return parsePlanned(plan, slot, parse, this.#bytes, this.#bytesStart, length, this.counters);
    }
    if (this.#kept.isStatic(path)) {
      const text = this.read(path);
      let value = this.#parsed.textValue(path, parse, text) as T;
      if (value !== NOT_REMEMBERED) this.counters.unchanged++;
      else {
        value = parse(text, path);
        this.#parsed.rememberText(path, parse, value, text);
      }
      // A kept text's value can be answered by the plan next time (a fresh one's cannot).
      if (this.#fromKept && this.#recorded !== undefined)
        logKeptStep((this.#keptLog ??= keptLogFrom(this.#active)), path, parse, value);
      return value;
    }
    const length = this.#readBytes(path);
    const bytes = this.#bytes;
    const start = this.#bytesStart;
    const known = this.#parsed.bytesValue(path, parse, bytes, start, length);
    if (known !== NOT_REMEMBERED) {
      this.counters.unchanged++;
      return known as T;
    }
    const value = parse(latin1Range(bytes, start, start + length), path);
    this.#parsed.rememberBytes(path, parse, value, bytes, start, length);
    return value;
  }

  /** Whether `path` is the next file, or kept file, of the plan being served (a file that exists). */
  #planned(path: string): boolean {
    const plan = this.#active;
    return plan !== undefined && (plan.paths[plan.cursor] === path || plan.kept.paths[plan.kept.cursor] === path);
  }

  /** Like {@link readParsed}, but a file that does not exist yields `undefined`, as {@link tryRead}. */
  tryReadParsed<T>(path: string, parse: (text: string, path: string) => T): T | undefined {
    return this.#tryOptional(path, parse) as T | undefined;
  }

  #readNow(path: string): string {
    const length = this.#readBytes(path);
    return latin1Range(this.#bytes, this.#bytesStart, this.#bytesStart + length);
  }

  /** Reads the file; its bytes are then #bytes[#bytesStart, #bytesStart + the length returned). */
  #readBytes(path: string): number {
    if (this.#active !== undefined) {
      const length = this.#fromBatch(this.#active, path);
      if (length >= 0) return length;
    }
    const length = this.#table.read(path, this.#readAll, this.counters);
    // Only bytes read through a descriptor that stays held may join a batch plan.
    if (this.#table.held) this.#recorded?.push(path);
    return length;
  }

  /** Like {@link read}, but a file that does not exist yields `undefined` (optional kernel files). */
  tryRead(path: string): string | undefined {
    return this.#tryOptional(path, undefined);
  }

  /** `read` (no `parse`) or `readParsed` of an optional file; no closure per call on the per-sample path. */
  #tryOptional<T>(path: string, parse: ((text: string, path: string) => T) | undefined): T | string | undefined {
    if (!this.#planned(path) && this.#missing.has(path)) return undefined;
    try {
      return parse === undefined ? this.read(path) : this.readParsed(path, parse);
    } catch (error) {
      if (!SysfsError.isKind(error, 'not-found')) throw error;
      this.#missing.add(path);
      return undefined;
    }
  }

  /** Closes every descriptor under `dir` (a cgroup that went away), or all of them. */
  forget(dir?: string): void {
    if (dir === undefined) {
      this.#plans.forget();
      this.#kept.forget();
      this.#parsed.forget();
      this.#table.dropUnder();
      this.#missing.forget();
      return;
    }
    const prefix = dir.endsWith('/') ? dir : `${dir}/`;
    this.#kept.forget(prefix);
    this.#parsed.forget(prefix);
    this.#plans.forget(prefix);
    this.#table.dropUnder(prefix);
    this.#missing.forget(prefix);
  }

  close(): void {
    this.forget();
    this.#kept.close();
  }

  /** One pread at offset 0 into the shared buffer (#bytes from 0): the length read. */
  readonly #readAll = (fd: number, path: string): number => {
    const n = this.#buffers.readAll(fd, path);
    this.#bytes = this.#buffers.shared;
    this.#bytesStart = 0;
    return n;
  };
}
