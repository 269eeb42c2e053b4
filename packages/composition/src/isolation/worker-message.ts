import { deserialize } from 'node:v8';
import type { ContainerRef, SampleScope } from '@katamon/core';

/** A call the host makes into a plugin's worker (host → worker: structured clone, trusted). */
export type WorkerCall =
  | { op: 'create'; group: 'sources' | 'resolvers'; index: number; config: unknown; roots: unknown }
  | { op: 'collect'; handle: number; ref: ContainerRef; scope: SampleScope }
  | { op: 'release'; handle: number; ref?: ContainerRef }
  | { op: 'match'; handle: number; query: string }
  | { op: 'list'; handle: number }
  | { op: 'refresh'; handle: number; ref: ContainerRef }
  | { op: 'watch'; handle: number; ref: ContainerRef };

export type ToWorker =
  | ({ t: 'call'; id: number } & WorkerCall)
  | { t: 'cancel'; id: number }
  | { t: 'ping'; id: number };

/** A plugin's error as the worker reports it (every field still untrusted). */
export interface WorkerError {
  kind?: unknown;
  message?: unknown;
  path?: unknown;
}

/** What a worker sends (worker → host: v8-serialized bytes, untrusted: plugin code shares the thread). */
export type FromWorker =
  | { t: 'ready'; manifest: unknown }
  | { t: 'load-failed'; message: string }
  | { t: 'reply'; id: number; ok: true; value: unknown }
  | { t: 'reply'; id: number; ok: false; error: WorkerError }
  | { t: 'event'; id: number; value: unknown }
  | { t: 'end'; id: number; error?: WorkerError }
  | { t: 'pong'; id: number }
  | { t: 'log'; level: unknown; message: unknown; fields: unknown };

const WITH_ID = new Set(['reply', 'event', 'end', 'pong']);

/**
 * One message from a worker, or why it is refused: not a buffer, larger than `limitBytes` (checked before
 * anything is decoded), not decodable, or not one of the protocol's messages.
 */
export function decodeWorkerMessage(data: unknown, limitBytes: number): FromWorker | { refused: string } {
  if (!(data instanceof Uint8Array)) return { refused: 'a message that is not a buffer' };
  if (data.byteLength > limitBytes) return { refused: `a message of ${data.byteLength} bytes (limit ${limitBytes})` };
  let message: unknown;
  try {
    message = deserialize(data);
  } catch {
    return { refused: 'a message that cannot be decoded' };
  }
  if (typeof message !== 'object' || message === null) return { refused: 'a message that is not an object' };
  const m = message as Record<string, unknown>;
  const t = m['t'];
  if (typeof t !== 'string') return { refused: 'a message without a type' };
  if (WITH_ID.has(t) && !Number.isSafeInteger(m['id'])) return { refused: `a "${t}" message without an id` };
  if (t === 'reply' && typeof m['ok'] !== 'boolean') return { refused: 'a reply without "ok"' };
  if (t === 'load-failed' && typeof m['message'] !== 'string') return { refused: 'a load failure without a message' };
  if (WITH_ID.has(t) || t === 'ready' || t === 'load-failed' || t === 'log') return message as FromWorker;
  return { refused: 'a message of an unknown type' };
}
