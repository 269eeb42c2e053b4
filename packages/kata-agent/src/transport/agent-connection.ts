import { KataAgentError } from '../errors/kata-agent-error.js';
import { TtrpcClient, type CallOptions } from '../ttrpc/ttrpc-client.js';
import { parseAgentUrl, type AgentAddress } from './agent-url.js';
import { dialAgent, type AgentStream, type DialOptions } from './dial-agent.js';

export interface AgentConnectionOptions {
  /** Total time to keep redialing before a call fails (ms). Kata's default dial timeout is 30 s; a monitor wants less. */
  dialTimeoutMs?: number;
  /** Backoff between attempts: doubles from min to max (ms). */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  handshakeTimeoutMs?: number;
  /** Deadline of calls that pass none (ms). */
  defaultCallTimeoutMs?: number;
  /** Replaces the real dialer (tests, custom transports). */
  dial?: (address: AgentAddress, options: DialOptions) => Promise<AgentStream>;
}

/** Kinds a later attempt may cure; anything else (no AF_VSOCK, EACCES, bad URL) fails at once. */
const RETRYABLE = new Set(['unavailable', 'timeout']);

/**
 * One long-lived ttrpc connection to one agent, redialed on demand with backoff after it drops.
 * Concurrent callers share the dial in progress.
 */
export class AgentConnection {
  readonly address: AgentAddress;
  private client: TtrpcClient | undefined;
  private dialing: Promise<TtrpcClient> | undefined;
  private closed = false;
  private readonly options: Required<Omit<AgentConnectionOptions, 'dial'>> & Pick<AgentConnectionOptions, 'dial'>;

  constructor(
    readonly url: string,
    options: AgentConnectionOptions = {},
  ) {
    this.address = parseAgentUrl(url);
    this.options = {
      dialTimeoutMs: 5_000,
      minBackoffMs: 50,
      maxBackoffMs: 200,
      handshakeTimeoutMs: 10_000,
      defaultCallTimeoutMs: 10_000,
      ...options,
    };
  }

  /** The live client, if connected (for tests and diagnostics). */
  get current(): TtrpcClient | undefined {
    return this.client?.isClosed === false ? this.client : undefined;
  }

  async call(service: string, method: string, payload: Uint8Array, options: CallOptions = {}): Promise<Uint8Array> {
    const client = await this.connected(options.signal);
    return client.call(service, method, payload, { timeoutMs: this.options.defaultCallTimeoutMs, ...options });
  }

  /** Closes the connection; later calls fail with `cancelled`. */
  close(): void {
    this.closed = true;
    this.client?.close();
    this.client = undefined;
  }

  private connected(signal?: AbortSignal): Promise<TtrpcClient> {
    if (this.closed)
      return Promise.reject(new KataAgentError('cancelled', `connection to ${this.url} closed`, { path: this.url }));
    if (this.client !== undefined && !this.client.isClosed) return Promise.resolve(this.client);
    this.dialing ??= this.dialWithBackoff().finally(() => {
      this.dialing = undefined;
    });
    // The dial is shared: one caller giving up must not cancel it for the others.
    return signal === undefined ? this.dialing : abortable(this.dialing, signal, this.url);
  }

  private async dialWithBackoff(): Promise<TtrpcClient> {
    const deadline = Date.now() + this.options.dialTimeoutMs;
    let delay = this.options.minBackoffMs;
    let attempts = 0;
    for (;;) {
      attempts++;
      const remaining = Math.max(1, deadline - Date.now());
      try {
        const dial = this.options.dial ?? dialAgent;
        const stream = await dial(this.address, {
          attemptTimeoutMs: remaining,
          handshakeTimeoutMs: Math.min(this.options.handshakeTimeoutMs, remaining),
        });
        const client = new TtrpcClient(stream.socket, {
          defaultTimeoutMs: this.options.defaultCallTimeoutMs,
          ...(stream.initialData === undefined ? {} : { initialData: stream.initialData }),
        });
        if (this.closed) {
          client.close();
          throw new KataAgentError('cancelled', `connection to ${this.url} closed`, { path: this.url });
        }
        this.client = client;
        return client;
      } catch (err) {
        const error = KataAgentError.is(err)
          ? err
          : new KataAgentError('unavailable', String(err), { cause: err, path: this.url });
        if (!RETRYABLE.has(error.kind) || Date.now() + delay >= deadline || this.closed) {
          if (attempts === 1 || !RETRYABLE.has(error.kind)) throw error;
          throw new KataAgentError(error.kind, `${error.message} (gave up after ${attempts} attempts)`, {
            cause: error,
            path: this.url,
          });
        }
        await sleep(delay);
        delay = Math.min(delay * 2, this.options.maxBackoffMs);
      }
    }
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal, url: string): Promise<T> {
  const cancelled = (): KataAgentError =>
    new KataAgentError('cancelled', `connecting to ${url} cancelled`, { path: url });
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
