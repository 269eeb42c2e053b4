import { setOwn } from '../identity/set-own.js';
import type { ContainerIdentity, PodIdentity } from '../model/container-identity.js';
import type { JsonObject, JsonValue } from './parse-json-exact.js';
import { asObject, listAt, optStringAt, stringAt, typeError } from './json-reader.js';

const stringItem = (v: JsonValue, p: string): string => {
  if (typeof v === 'string') return v;
  throw typeError(p, 'string', v);
};

function pod(o: JsonObject, path: string): PodIdentity {
  const p: PodIdentity = {};
  const set = (field: Exclude<keyof PodIdentity, 'type'>, key: string) => {
    const v = optStringAt(o, key, path);
    if (v !== undefined) p[field] = v;
  };
  set('name', 'name');
  set('namespace', 'namespace');
  set('uid', 'uid');
  set('container', 'container');
  const type = optStringAt(o, 'type', path);
  if (type === 'sandbox' || type === 'container') p.type = type;
  else if (type !== undefined) throw typeError(`${path}.type`, '"sandbox" or "container"', type);
  set('sandboxId', 'sandbox_id');
  return p;
}

/** Inverse of encodeIdentity (the `full` schema's `identity` object). */
export function decodeIdentity(v: JsonValue, path: string): ContainerIdentity {
  const o = asObject(v, path);
  const id: ContainerIdentity = { engine: stringAt(o, 'engine', path) };
  const set = (field: 'namespace' | 'name' | 'image', key: string) => {
    const value = optStringAt(o, key, path);
    if (value !== undefined) id[field] = value;
  };
  set('namespace', 'namespace');
  set('name', 'name');
  if (o.has('aliases')) id.aliases = listAt(o, 'aliases', path, stringItem);
  set('image', 'image');
  const labels = o.get('labels');
  if (labels !== undefined && labels !== null) {
    const out: Record<string, string> = {};
    for (const [k, value] of asObject(labels, `${path}.labels`))
      setOwn(out, k, stringItem(value, `${path}.labels.${k}`));
    id.labels = out;
  }
  const p = o.get('pod');
  if (p !== undefined && p !== null) id.pod = pod(asObject(p, `${path}.pod`), `${path}.pod`);
  if (o.has('issues')) id.issues = listAt(o, 'issues', path, stringItem);
  return id;
}
