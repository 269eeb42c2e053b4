import { Worker } from 'node:worker_threads';
import { KatamonError } from '@katamon/core';
import type { IsolationOptions } from './isolation-options.js';
import { clip } from './plugin-fault.js';
import { PLUGIN_WORKER_SOURCE } from './plugin-worker-source.js';
import {
  decodeWorkerMessage,
  type FromWorker,
  type ToWorker,
  type WorkerCall,
  type WorkerError,
} from './worker-message.js';
import { createWatchQueue, type WatchQueue } from './watch-queue.js';

/** What a channel tells its host. */
export interface ChannelEvents {
  log(level: unknown, message: unknown, fields: unknown): void;
  /** Text the plugin wrote to its stdout or stderr (never the process's own stdout). */
  output(stream: 'stdout' | 'stderr', text: string): void;
  /** The worker is gone for good (exited, crashed, blocked, failed to load); called once. */
  down(reason: string): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  timer: ReturnType<typeof setTimeout>;
  unlisten?: () => void;
}

/**
 * One worker thread running one plugin module, from start to end: calls with deadlines, OOM watches, a ping
 * watchdog while calls are pending (a blocked event loop is terminated), and the worker referenced only while
 * it owes an answer (an idle plugin never keeps the process alive). A new worker is a new channel.
 */
export class WorkerChannel {
  /** The manifest as the worker describes it; rejects when the module does not load. */
  readonly ready: Promise<unknown>;
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private readonly watches = new Map<number, WatchQueue>();
  private nextId = 1;
  private loading = true;
  private referenced = true;
  private pingSentAt: number | undefined;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private ended = false;
  private settleReady!: { resolve(manifest: unknown): void; reject(error: Error): void };

  constructor(
    /** The plugin's name (the spec the user typed until the manifest named itself). */
    private readonly label: () => string,
    specifier: string,
    private readonly options: IsolationOptions,
    private readonly events: ChannelEvents,
  ) {
    this.ready = new Promise((resolve, reject) => (this.settleReady = { resolve, reject }));
    this.worker = new Worker(PLUGIN_WORKER_SOURCE, {
      eval: true,
      name: `katamon plugin ${label()}`,
      workerData: { specifier, replyLimitBytes: options.replyLimitBytes },
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb },
    });
    let crash: string | undefined;
    this.worker.on('message', (data: unknown) => this.receive(data));
    this.worker.on('error', (error: Error) => (crash = clip(error.message)));
    this.worker.on('exit', (code) => this.end(crash === undefined ? `exited with code ${code}` : `crashed: ${crash}`));
    for (const stream of ['stdout', 'stderr'] as const)
      this.worker[stream].setEncoding('utf8').on('data', (text: string) => this.events.output(stream, text));
    const loadTimer = setTimeout(
      () => this.end(`did not load within ${options.loadTimeoutMs} ms`),
      options.loadTimeoutMs,
    ).unref();
    const loaded = (): void => {
      clearTimeout(loadTimer);
      this.loading = false;
      this.reference();
    };
    this.ready.then(loaded, loaded);
    this.arm();
  }

  /** One call into the worker; rejects at its deadline, when `signal` aborts, or when the worker stops. */
  call(call: WorkerCall, signal?: AbortSignal): Promise<unknown> {
    if (this.ended) return Promise.reject(new KatamonError('plugin', `plugin "${this.label()}" is not running`));
    if (signal?.aborted) return Promise.reject(new KatamonError('cancelled', 'call cancelled'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const entry: Pending = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.abandon(
            id,
            new KatamonError(
              'timeout',
              `plugin "${this.label()}": ${call.op} did not answer within ${this.options.callTimeoutMs} ms`,
            ),
          );
        }, this.options.callTimeoutMs).unref(),
      };
      if (signal !== undefined) {
        const onAbort = () => this.abandon(id, new KatamonError('cancelled', 'call cancelled'));
        signal.addEventListener('abort', onAbort, { once: true });
        entry.unlisten = () => signal.removeEventListener('abort', onAbort);
      }
      this.pending.set(id, entry);
      if (!this.post({ t: 'call', id, ...call }))
        return this.abandon(id, new KatamonError('plugin', `plugin "${this.label()}": the call cannot be sent`));
      this.reference();
      this.arm();
    });
  }

  /** The items of an OOM watch (`op: 'watch'`), until the worker ends it, `signal` aborts, or the worker stops. */
  watch(call: WorkerCall, signal: AbortSignal): AsyncIterable<unknown> {
    const id = this.nextId++;
    const queue = createWatchQueue(() => {
      if (this.watches.delete(id)) this.post({ t: 'cancel', id });
    }, signal);
    if (this.ended) queue.end(new KatamonError('plugin', `plugin "${this.label()}" is not running`));
    else {
      this.watches.set(id, queue);
      this.post({ t: 'call', id, ...call });
    }
    return queue.items;
  }

  /** Ends this worker on purpose (no `down` event): pending calls are cancelled. */
  async close(): Promise<void> {
    this.stop(new KatamonError('cancelled', `plugin "${this.label()}" closed`));
    await this.worker.terminate();
  }

  /** Ends this worker because it misbehaved: as if it had stopped by itself. */
  fail(reason: string): void {
    this.end(reason);
  }

  private receive(data: unknown): void {
    const message = decodeWorkerMessage(data, this.options.replyLimitBytes);
    if ('refused' in message) return this.events.log('warn', `plugin sent ${message.refused}; ignored`, {});
    this.dispatch(message);
  }

  private dispatch(message: FromWorker): void {
    switch (message.t) {
      case 'ready':
        return this.settleReady.resolve(message.manifest);
      case 'load-failed':
        this.settleReady.reject(new Error(clip(message.message, 4096)));
        return this.end('failed to load');
      case 'reply': {
        const entry = this.settle(message.id);
        if (entry === undefined) return;
        if (message.ok) entry.resolve(message.value);
        else entry.reject(workerError(message.error));
        return;
      }
      case 'event':
        return this.watches.get(message.id)?.push(message.value);
      case 'end': {
        const queue = this.watches.get(message.id);
        this.watches.delete(message.id);
        return queue?.end(message.error === undefined ? undefined : workerError(message.error));
      }
      case 'pong':
        this.pingSentAt = undefined;
        return this.arm();
      case 'log':
        return this.events.log(message.level, message.message, message.fields);
    }
  }

  private settle(id: number): Pending | undefined {
    const entry = this.pending.get(id);
    if (entry === undefined) return undefined;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    entry.unlisten?.();
    this.reference();
    return entry;
  }

  private abandon(id: number, error: KatamonError): void {
    const entry = this.settle(id);
    if (entry === undefined) return;
    this.post({ t: 'cancel', id });
    entry.reject(error);
  }

  /** While an answer is owed, ping the worker; one unanswered past `stuckAfterMs` means a blocked event loop. */
  private arm(): void {
    if (this.ended || this.watchdog !== undefined) return;
    if (this.pending.size === 0 && !this.loading && this.pingSentAt === undefined) return;
    this.watchdog = setTimeout(() => {
      this.watchdog = undefined;
      const now = Date.now();
      if (this.pingSentAt !== undefined && now - this.pingSentAt >= this.options.stuckAfterMs)
        return this.end(`blocked its event loop: no answer for ${this.options.stuckAfterMs} ms`);
      if (this.pingSentAt === undefined && this.post({ t: 'ping', id: 0 })) this.pingSentAt = now;
      this.arm();
    }, this.options.pingEveryMs).unref();
  }

  private reference(): void {
    const busy = !this.ended && (this.loading || this.pending.size > 0);
    if (busy === this.referenced) return;
    this.referenced = busy;
    if (busy) this.worker.ref();
    else this.worker.unref();
  }

  private post(message: ToWorker): boolean {
    try {
      this.worker.postMessage(message);
      return true;
    } catch {
      return false;
    }
  }

  private end(reason: string): void {
    if (this.ended) return;
    this.settleReady.reject(new Error(`stopped while loading: ${reason}`));
    this.stop(new KatamonError('plugin', `plugin "${this.label()}" stopped: ${reason}`));
    void this.worker.terminate();
    this.events.down(reason);
  }

  private stop(error: KatamonError): void {
    this.ended = true;
    this.settleReady.reject(error);
    clearTimeout(this.watchdog);
    this.watchdog = undefined;
    for (const id of [...this.pending.keys()]) this.settle(id)?.reject(error);
    for (const queue of this.watches.values()) queue.end(error);
    this.watches.clear();
    this.reference();
  }
}

/** A plugin's error from its worker: an Error with the plugin's kind and path (still to be judged). */
function workerError(error: WorkerError | undefined): Error {
  const message = typeof error?.message === 'string' ? clip(error.message) : 'unknown error';
  const out = new Error(message) as Error & { kind?: unknown; path?: unknown };
  if (typeof error?.kind === 'string') out.kind = error.kind;
  if (typeof error?.path === 'string') out.path = clip(error.path, 4096);
  return out;
}
