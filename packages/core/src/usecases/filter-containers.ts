import type { ContainerRef } from '../ports/container-ref.js';
import { KatamonError } from '../errors/katamon-error.js';
import { engineOf, namesOf } from '../identity/container-names.js';

/** `key=value` (the label has that value) or `key` (the label exists). */
export interface LabelSelector {
  key: string;
  value?: string;
}

/**
 * Which containers a listing keeps (`list`, `top`, `events --all`, the server's query parameters). Each given
 * field must match; several values of one field are alternatives, except labels, which must all match.
 */
export interface ContainerFilter {
  /** Engine names (`docker`, `containerd`, …); a ref matches one of them. */
  engines?: readonly string[];
  /** Every selector must match the container's labels. */
  labels?: readonly LabelSelector[];
  /** A name (or alias) containing one of these, as `docker ps --filter name=` matches. */
  names?: readonly string[];
}

/** `k=v` or `k`: a label selector as typed on the command line or in a query string. */
export function parseLabelSelector(text: string): LabelSelector {
  const eq = text.indexOf('=');
  const key = eq < 0 ? text : text.slice(0, eq);
  if (key === '')
    throw new KatamonError('invalid-argument', `invalid label filter "${text.slice(0, 64)}": want key=value`);
  return eq < 0 ? { key } : { key, value: text.slice(eq + 1) };
}

/** Whether a filter selects nothing out (no field given). */
export function isEmptyFilter(filter: ContainerFilter): boolean {
  return !filter.engines?.length && !filter.labels?.length && !filter.names?.length;
}

export function matchesFilter(ref: ContainerRef, filter: ContainerFilter): boolean {
  if (filter.engines?.length && !filter.engines.includes(engineOf(ref))) return false;
  if (filter.names?.length) {
    const names = namesOf(ref);
    if (!filter.names.some((wanted) => names.some((name) => name.includes(wanted)))) return false;
  }
  if (filter.labels?.length) {
    const labels = ref.identity?.labels ?? {};
    for (const { key, value } of filter.labels) {
      const actual = Object.hasOwn(labels, key) ? labels[key] : undefined;
      if (actual === undefined || (value !== undefined && actual !== value)) return false;
    }
  }
  return true;
}

/** The refs a filter keeps, in order. */
export function filterContainers(refs: readonly ContainerRef[], filter: ContainerFilter): ContainerRef[] {
  return isEmptyFilter(filter) ? [...refs] : refs.filter((ref) => matchesFilter(ref, filter));
}
