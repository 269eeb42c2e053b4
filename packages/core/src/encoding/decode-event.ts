import { FULL_SCHEMA_VERSION } from '../model/event.js';
import type { Event, SchemaName, StatsEvent } from '../model/event.js';
import type { Stats } from '../model/stats.js';
import { KatamonError } from '../errors/katamon-error.js';
import { parseJsonExact } from './parse-json-exact.js';
import type { JsonObject } from './parse-json-exact.js';
import { asObject, f64At, listAt, stringAt, typeError } from './json-reader.js';
import { decodeKataStats } from './decode-kata.js';
import { decodeRuncStats } from './decode-runc.js';
import { decodeFullStats, decodeIssue } from './decode-full.js';
import { decodeIdentity } from './decode-identity.js';

/**
 * Reads one event printed in `schema` back into the model, losslessly: integers are parsed as bigint.
 * Like Go's decoder, omitted keys read as zero values and unknown keys are ignored, so for a canonical
 * event `decodeEvent(encodeEvent(e, s), s)` deep-equals `e`. Malformed input is KatamonError('parse').
 */
export function decodeEvent(text: string, schema: SchemaName): Event {
  const o = asObject(parseJsonExact(text), 'event');
  const type = stringAt(o, 'type', 'event');
  const id = stringAt(o, 'id', 'event');
  if (type === 'oom') return { type, id };
  if (type !== 'stats') throw new KatamonError('parse', `unknown event type ${JSON.stringify(type)}`);
  const event: StatsEvent = { type, id, data: null };
  if (schema === 'full') readFullMeta(o, event);
  const data = o.get('data');
  if (data === undefined || data === null) return event;
  event.data = decodeStats(asObject(data, 'data'), schema);
  return event;
}

function decodeStats(o: JsonObject, schema: SchemaName): Stats {
  switch (schema) {
    case 'kata':
      return decodeKataStats(o, 'data');
    case 'runc':
      return decodeRuncStats(o, 'data');
    case 'full':
      return decodeFullStats(o, 'data');
    default:
      throw new KatamonError('invalid-argument', `unknown schema ${JSON.stringify(schema)}`);
  }
}

function readFullMeta(o: JsonObject, event: StatsEvent): void {
  const version = o.get('schema_version');
  if (version !== undefined && version !== BigInt(FULL_SCHEMA_VERSION)) {
    if (typeof version !== 'bigint') throw typeError('event.schema_version', 'integer', version);
    throw new KatamonError(
      'parse',
      `unsupported full schema_version ${version} (this katamon reads ${FULL_SCHEMA_VERSION})`,
    );
  }
  if (!o.has('timestamp')) return;
  event.sample = {
    timestamp: f64At(o, 'timestamp', 'event'),
    sources: listAt(o, 'sources', 'event', (v, p) => {
      if (typeof v === 'string') return v;
      throw typeError(p, 'string', v);
    }),
    issues: listAt(o, 'issues', 'event', decodeIssue),
  };
  const identity = o.get('identity');
  if (identity !== undefined && identity !== null) event.sample.identity = decodeIdentity(identity, 'event.identity');
}
