import { KatamonError } from '../errors/katamon-error.js';
import { MAX_CONTAINER_ID_LENGTH, validateContainerId } from './validate-container-id.js';

/** What the user typed to select a container, taken apart. */
export interface ContainerQuery {
  /** As typed (error messages quote it). */
  typed: string;
  /** `k8s.io` in `k8s.io/abc`, `docker` in `docker/web`: an engine namespace or an engine name. */
  qualifier?: string;
  /** The id, name or id prefix: checked with {@link validateContainerId}'s rules. */
  text: string;
  /** `/web` (Docker's spelling of a name): a name only, never an id or a prefix. */
  nameOnly: boolean;
}

/**
 * `<id|name|prefix>`, `/<name>` (Docker prints names with a leading slash) or `<qualifier>/<id|name|prefix>`,
 * where the qualifier is an engine namespace (`k8s.io`, `moby`) or an engine (`docker`, `crun`): the way to
 * address an id that repeats across containerd namespaces or engines. Every part passes the id rules before
 * any file is opened.
 */
export function parseContainerQuery(typed: string): ContainerQuery {
  if (typed.length === 0) throw new KatamonError('invalid-argument', 'container id cannot be empty');
  if (typed.length > MAX_CONTAINER_ID_LENGTH) validateContainerId(typed);
  const slash = typed.indexOf('/');
  if (slash < 0) return { typed, text: validateContainerId(typed), nameOnly: false };
  if (typed.indexOf('/', slash + 1) >= 0) throw new KatamonError('invalid-argument', 'invalid container ID format');
  const text = validateContainerId(typed.slice(slash + 1));
  if (slash === 0) return { typed, text, nameOnly: true };
  return { typed, qualifier: validateContainerId(typed.slice(0, slash)), text, nameOnly: false };
}
