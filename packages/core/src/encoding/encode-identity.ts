import type { ContainerIdentity, PodIdentity } from '../model/container-identity.js';
import { compareUtf8, goString } from './go-string.js';

function str(key: string, v: string | undefined): string {
  return v === undefined ? '' : `,"${key}":${goString(v)}`;
}

function pod(p: PodIdentity): string {
  const s =
    str('name', p.name) +
    str('namespace', p.namespace) +
    str('uid', p.uid) +
    str('container', p.container) +
    str('type', p.type) +
    str('sandbox_id', p.sandboxId);
  return s === '' ? '{}' : '{' + s.slice(1) + '}';
}

function strings(list: readonly string[]): string {
  return '[' + list.map(goString).join(',') + ']';
}

/**
 * The `full` schema's `identity` object: `engine` always, every other key only when known (a label map with
 * its keys sorted byte-wise over UTF-8, as Go sorts map keys).
 */
export function encodeIdentity(id: ContainerIdentity): string {
  let s = '{"engine":' + goString(id.engine) + str('namespace', id.namespace) + str('name', id.name);
  if (id.aliases !== undefined && id.aliases.length > 0) s += ',"aliases":' + strings(id.aliases);
  s += str('image', id.image);
  if (id.labels !== undefined) {
    const keys = Object.keys(id.labels).sort(compareUtf8);
    s += ',"labels":{' + keys.map((k) => goString(k) + ':' + goString(id.labels?.[k] as string)).join(',') + '}';
  }
  if (id.pod !== undefined) s += ',"pod":' + pod(id.pod);
  if (id.issues !== undefined && id.issues.length > 0) s += ',"issues":' + strings(id.issues);
  return s + '}';
}
