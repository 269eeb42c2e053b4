import { KatamonError, encodeEvent, type Sample, type SchemaName, type StreamItem } from '@katamon/core';
import { toHttpError } from '../http/http-error.js';

export type StreamFormat = 'sse' | 'ndjson';

export const STREAM_CONTENT_TYPES: Readonly<Record<StreamFormat, string>> = {
  sse: 'text/event-stream; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

/** One stream item, encoded once and framed once per format, shared by every subscriber. */
export interface EncodedItem {
  /** SSE event name. */
  event: 'stats' | 'oom' | 'error' | 'end';
  /** One compact JSON object, no newline. */
  json: string;
  /** NDJSON skips per-tick errors: runc and kata print nothing for a failed tick. */
  ndjson: boolean;
}

/** The event a one-shot or a stream prints for a sample: what the CLI prints, byte for byte. */
export function sampleEventJson(sample: Sample, schema: SchemaName, pretty = false): string {
  // A metrics-only sample has zeros where the schema prints real values: never print one.
  if (sample.scope === 'metrics')
    throw new KatamonError('internal', `metrics-only sample of ${sample.id} cannot be printed`);
  return encodeEvent(
    {
      type: 'stats',
      id: sample.id,
      data: sample.stats,
      // The sample is its own metadata: the encoder reads timestamp, sources, issues and identity.
      sample,
    },
    schema,
    { pretty },
  );
}

export function encodeItem(item: StreamItem, schema: SchemaName): EncodedItem {
  switch (item.type) {
    case 'sample':
      return { event: 'stats', json: sampleEventJson(item.sample, schema), ndjson: true };
    case 'oom':
      return { event: 'oom', json: encodeEvent({ type: 'oom', id: item.id }, schema), ndjson: true };
    case 'error': {
      const http = toHttpError({ kind: item.kind, message: item.message });
      const body = { type: 'error', id: item.id, code: http.code, kind: item.kind, message: item.message };
      return { event: 'error', json: JSON.stringify(body), ndjson: false };
    }
    case 'end':
      return endItem(item.id, item.reason);
  }
}

/** Final item of a stream; `reason` says why (`gone`, `cancelled`, `shutdown`, `slow-consumer`, …). */
export function endItem(id: string | undefined, reason: string): EncodedItem {
  return {
    event: 'end',
    json: JSON.stringify({ type: 'end', ...(id === undefined ? {} : { id }), reason }),
    ndjson: true,
  };
}

export function frameItem(item: EncodedItem, format: StreamFormat): string {
  if (format === 'ndjson') return item.ndjson ? `${item.json}\n` : '';
  return `event: ${item.event}\ndata: ${item.json}\n\n`;
}
