import { FULL_SCHEMA_VERSION } from '../model/event.js';
import type { Event, SchemaName } from '../model/event.js';
import { KatamonError } from '../errors/katamon-error.js';
import { goString } from './go-string.js';
import { encodeKataStats } from './encode-kata.js';
import { encodeRuncStats } from './encode-runc.js';
import { encodeFullMeta, encodeFullStats } from './encode-full.js';
import { indentJson } from './indent-json.js';

export interface EncodeOptions {
  /** Indent like `jq .` (two spaces, `"key": value`) instead of one compact line. */
  pretty?: boolean;
}

/**
 * One event as one JSON text, without the trailing newline `Encoder.Encode` adds. `kata` and `runc`
 * reproduce the original tools byte for byte; `oom` is `{"type":"oom","id":"…"}` in every schema, and a
 * `null` data is printed as Go prints a typed-nil `*Stats`: `"data":null`.
 */
export function encodeEvent(event: Event, schema: SchemaName, options?: EncodeOptions): string {
  const text = encodeCompact(event, schema);
  return options?.pretty ? indentJson(text) : text;
}

function encodeCompact(event: Event, schema: SchemaName): string {
  const head = '{"type":' + goString(event.type) + ',"id":' + goString(event.id);
  if (event.type === 'oom') return head + '}';
  const data = event.data;
  switch (schema) {
    case 'kata':
      return head + ',"data":' + (data === null ? 'null' : encodeKataStats(data)) + '}';
    case 'runc':
      return head + ',"data":' + (data === null ? 'null' : encodeRuncStats(data)) + '}';
    case 'full':
      return (
        head +
        encodeFullMeta(event.sample, FULL_SCHEMA_VERSION) +
        ',"data":' +
        (data === null ? 'null' : encodeFullStats(data)) +
        '}'
      );
    default:
      throw new KatamonError('invalid-argument', `unknown schema ${JSON.stringify(schema)}`);
  }
}
