import { KatamonError, silentLogger, type Logger } from '@katamon/core';
import type { PluginErrorCode } from '../plugin-error.js';
import type { IsolationOptions } from './isolation-options.js';
import { createLogGate } from './log-gate.js';
import { clip } from './plugin-fault.js';
import { WorkerChannel } from './worker-channel.js';
import type { WorkerCall } from './worker-message.js';

type CreateCall = Extract<WorkerCall, { op: 'create' }>;

/** A source or resolver made in the worker: its handle there, and what the worker said about it. */
export interface Created {
  handle: number;
  name: unknown;
  methods: readonly string[];
}

type State = 'starting' | 'running' | 'restarting' | 'disabled' | 'closed';

/**
 * An isolated plugin over the lifetimes of its workers. When a worker stops (exits, crashes, runs out of heap,
 * blocks its event loop) the plugin restarts after a delay that doubles with each stop in a row, replaying the
 * factory calls so that handles stay valid; calls fail at once in between. After `maxRestarts` stops in a row
 * (a successful call resets the count) it stays disabled. `problem()` is what `health()` reports meanwhile.
 */
export class PluginWorkerHost {
  /** The spec the user named until the module describes itself, then the manifest's name. */
  name: string;
  private logger: Logger = silentLogger;
  private readonly gate = createLogGate(
    () => this.logger,
    () => this.name,
  );
  private channel: WorkerChannel | undefined;
  private state: State = 'starting';
  private reason = '';
  private stops = 0;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly creates: { call: CreateCall; created: Created }[] = [];

  constructor(
    private readonly specifier: string,
    label: string,
    private readonly options: IsolationOptions,
    logger?: Logger,
  ) {
    this.name = label;
    if (logger !== undefined) this.logger = logger;
  }

  /** Starts the first worker: the manifest as described, or the reason it did not load (the host is closed). */
  async start(): Promise<unknown> {
    const channel = this.open();
    try {
      return await channel.ready;
    } catch (error) {
      this.state = 'closed';
      await channel.close().catch(() => undefined);
      throw error;
    } finally {
      if (this.state === 'starting') this.state = 'running';
    }
  }

  /** Whether calls go through now. */
  get up(): boolean {
    return this.state === 'running';
  }

  get disabled(): boolean {
    return this.state === 'disabled';
  }

  /** Whether a factory ran in the worker (the plugin got as far as making its sources/resolvers). */
  get created(): boolean {
    return this.creates.length > 0;
  }

  /** Runs a factory in the worker; remembered, to be replayed in a restarted worker. */
  async create(call: CreateCall, logger: Logger): Promise<Created> {
    this.logger = logger;
    const created = checkCreated(await this.current().call(call));
    this.creates.push({ call, created });
    return created;
  }

  call(call: WorkerCall, signal?: AbortSignal): Promise<unknown> {
    return this.current()
      .call(call, signal)
      .then((value) => {
        this.stops = 0;
        return value;
      });
  }

  watch(call: WorkerCall, signal: AbortSignal): AsyncIterable<unknown> {
    return this.current().watch(call, signal);
  }

  /** Why the plugin does not work now, as `health()` reports it; undefined while it does. */
  problem(): { code: PluginErrorCode; message: string } | undefined {
    if (this.state === 'restarting')
      return {
        code: 'KATAMON_PLUGIN_RESTARTING',
        message: `plugin "${this.name}" ${this.reason}; restarting (stop ${this.stops} of ${this.options.maxRestarts + 1})`,
      };
    if (this.state === 'disabled')
      return {
        code: 'KATAMON_PLUGIN_DISABLED',
        message: `plugin "${this.name}" ${this.reason}; disabled after ${this.stops} stops in a row`,
      };
    return undefined;
  }

  /** Stops the worker and any restart; pending calls are cancelled. Nothing of the plugin runs after it. */
  async close(): Promise<void> {
    this.state = 'closed';
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    const channel = this.channel;
    this.channel = undefined;
    await channel?.close().catch(() => undefined);
  }

  private current(): WorkerChannel {
    const channel = this.channel;
    if (this.state === 'running' && channel !== undefined) return channel;
    const why = this.problem()?.message ?? `plugin "${this.name}" is not running`;
    throw new KatamonError('plugin', why);
  }

  private open(): WorkerChannel {
    const channel: WorkerChannel = new WorkerChannel(() => this.name, this.specifier, this.options, {
      log: (level, message, fields) => this.gate.log(level, message, fields),
      output: (stream, text) => this.gate.output(stream, text),
      down: (reason) => this.down(channel, reason),
    });
    this.channel = channel;
    return channel;
  }

  private down(channel: WorkerChannel, reason: string): void {
    if (channel !== this.channel || this.state === 'closed' || this.state === 'starting') return;
    this.channel = undefined;
    this.stops++;
    this.reason = `stopped: ${reason}`;
    if (this.stops > this.options.maxRestarts) {
      this.state = 'disabled';
      this.logger.error('plugin disabled', { plugin: this.name, reason, stops: this.stops });
      return;
    }
    this.state = 'restarting';
    const delay = Math.min(this.options.restartDelayMs * 2 ** (this.stops - 1), this.options.restartDelayMaxMs);
    this.logger.error('plugin stopped; restarting', { plugin: this.name, reason, inMs: delay });
    this.restartTimer = setTimeout(() => void this.restart(), delay).unref();
  }

  /** A new worker with the same module and the same factory calls, in order: the same handles. */
  private async restart(): Promise<void> {
    this.restartTimer = undefined;
    if (this.state !== 'restarting') return;
    const channel = this.open();
    try {
      await channel.ready;
      for (const { call, created } of this.creates) {
        const again = checkCreated(await channel.call(call));
        if (again.handle !== created.handle || again.name !== created.name)
          throw new Error('its factories made different objects than before');
      }
    } catch (error) {
      // A channel that stopped by itself has already been counted; one that answered wrongly is stopped here.
      channel.fail(`restart failed: ${clip(error instanceof Error ? error.message : String(error))}`);
      return;
    }
    if (this.state !== 'restarting' || this.channel !== channel) return;
    this.state = 'running';
    this.logger.warn('plugin restarted', { plugin: this.name });
  }
}

/** The worker's answer to a factory call, checked: it comes from plugin code's thread. */
function checkCreated(value: unknown): Created {
  const v = value as Partial<Created> | null;
  if (
    typeof v !== 'object' ||
    v === null ||
    !Number.isSafeInteger(v.handle) ||
    !Array.isArray(v.methods) ||
    !v.methods.every((m) => typeof m === 'string')
  )
    throw new KatamonError('plugin', 'malformed answer to a factory call');
  return { handle: v.handle as number, name: v.name, methods: v.methods };
}
