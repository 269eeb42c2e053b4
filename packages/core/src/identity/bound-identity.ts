import { setOwn } from './set-own.js';
import { IDENTITY_LIMITS, type ContainerIdentity, type PodIdentity } from '../model/container-identity.js';

type Raw = Record<string, unknown>;

/** Identities this module made: already bounded, so a ref carrying one is taken as it is. */
const bounded = new WeakSet<object>();

/** Whether `identity` came out of {@link boundIdentity} (first-party resolvers bound their identities once). */
export function isBoundedIdentity(identity: unknown): identity is ContainerIdentity {
  return typeof identity === 'object' && identity !== null && bounded.has(identity);
}

const isRecord = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * An identity checked against {@link IDENTITY_LIMITS}: wrong types and oversize values are left out, each
 * with an issue naming the field (and `origin`, the file it came from), so one hostile value never costs the
 * container its other fields. Used on everything a resolver returns (resolvers are plugins).
 */
export function boundIdentity(value: unknown, fallbackEngine: string, origin?: string): ContainerIdentity {
  const raw: Raw = isRecord(value) ? value : {};
  const issues: string[] = [];
  const where = origin === undefined ? '' : ` in ${origin}`;
  const text = (field: string, v: unknown, limit: number = IDENTITY_LIMITS.valueLength): string | undefined => {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') {
      issues.push(`${field}${where} is not a string: left out`);
      return undefined;
    }
    if (v.length > limit) {
      issues.push(`${field}${where} is longer than ${limit} characters: left out`);
      return undefined;
    }
    return v === '' ? undefined : v;
  };

  const engine = text('engine', raw['engine'], 64) ?? fallbackEngine;
  const identity: ContainerIdentity = { engine };
  const namespace = text('namespace', raw['namespace'], 256);
  if (namespace !== undefined) identity.namespace = namespace;
  const name = text('name', raw['name']);
  if (name !== undefined) identity.name = name;
  const image = text('image', raw['image']);
  if (image !== undefined) identity.image = image;
  const aliases = boundAliases(raw['aliases'], (v) => text('alias', v), issues, where);
  if (aliases.length > 0) identity.aliases = aliases;
  const labels = boundLabels(raw['labels'], issues, where);
  if (labels !== undefined) identity.labels = labels;
  const pod = boundPod(raw['pod'], text);
  if (pod !== undefined) identity.pod = pod;
  if (Array.isArray(raw['issues']))
    for (const issue of raw['issues'].slice(0, 16)) if (typeof issue === 'string') issues.unshift(issue.slice(0, 1024));
  if (issues.length > 0) identity.issues = issues;
  bounded.add(identity);
  return identity;
}

function boundAliases(value: unknown, text: (v: unknown) => string | undefined, issues: string[], where: string) {
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  for (const v of value) {
    const alias = text(v);
    if (alias !== undefined && !out.includes(alias)) out.push(alias);
  }
  if (out.length > IDENTITY_LIMITS.aliases) issues.push(`more than ${IDENTITY_LIMITS.aliases} aliases${where}`);
  return out.slice(0, IDENTITY_LIMITS.aliases);
}

/** Labels are the most user-controlled part: each oversize key or value is one issue, the rest are kept. */
export function boundLabels(value: unknown, issues: string[], where = ''): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) {
    issues.push(`labels${where} are not an object: left out`);
    return undefined;
  }
  const out: Record<string, string> = {};
  let kept = 0;
  let dropped = 0;
  for (const [key, v] of Object.entries(value)) {
    const shownKey = key.length > 64 ? `${key.slice(0, 64)}…` : key;
    if (typeof v !== 'string') issues.push(`label "${shownKey}"${where} is not a string: left out`);
    else if (key.length === 0 || key.length > IDENTITY_LIMITS.keyLength)
      issues.push(`label key "${shownKey}"${where} is empty or too long: left out`);
    else if (v.length > IDENTITY_LIMITS.valueLength)
      issues.push(`label "${shownKey}"${where} is longer than ${IDENTITY_LIMITS.valueLength} characters: left out`);
    else if (kept >= IDENTITY_LIMITS.labels) dropped += 1;
    else {
      setOwn(out, key, v);
      kept += 1;
    }
  }
  if (dropped > 0) issues.push(`${dropped} labels${where} beyond the first ${IDENTITY_LIMITS.labels}: left out`);
  return kept > 0 ? out : undefined;
}

function boundPod(value: unknown, text: (field: string, v: unknown, limit?: number) => string | undefined) {
  if (!isRecord(value)) return undefined;
  const pod: PodIdentity = {};
  const name = text('pod name', value['name'], 256);
  if (name !== undefined) pod.name = name;
  const namespace = text('pod namespace', value['namespace'], 256);
  if (namespace !== undefined) pod.namespace = namespace;
  const uid = text('pod uid', value['uid'], 256);
  if (uid !== undefined) pod.uid = uid;
  const container = text('pod container', value['container'], 256);
  if (container !== undefined) pod.container = container;
  const type = value['type'];
  if (type === 'sandbox' || type === 'container') pod.type = type;
  const sandboxId = text('pod sandbox id', value['sandboxId'], 1024);
  if (sandboxId !== undefined) pod.sandboxId = sandboxId;
  return Object.keys(pod).length > 0 ? pod : undefined;
}
