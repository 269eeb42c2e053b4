import { setOwn, type ContainerIdentity, type KnownEngine } from '@katamon/core';
import type { StateRoot } from '../state-root.js';

/** What a runc/crun state file says about a container, before any engine file is read. */
export interface StateFacts {
  id: string;
  root: StateRoot;
  /** `<root>/<id>`. */
  stateDir: string;
  /** The bundle directory runc or crun recorded. */
  bundle?: string;
  /** The OCI annotations runc copied into its state (`config.labels`); crun records none. */
  annotations: Readonly<Record<string, string>>;
  /** ISO 8601, when recorded: a container recreated under the same id has another one. */
  created?: string;
}

/**
 * One container engine over runc-style state: which containers are its own, and who they are. Docker, Podman
 * and CRI-O containers are runc (or crun) containers; only where their names and images are kept differs.
 */
export interface EngineProfile {
  engine: KnownEngine;
  /** Cheap (no I/O beyond what the facts hold): whether a container found in a shared root is this engine's. */
  claims(facts: StateFacts): boolean;
  /**
   * The container's identity, reading the engine's own files (bounded, never following links out of the
   * engine's roots). Never throws: what could not be read is an issue on the identity. Asked once per container
   * life (the resolver caches it).
   */
  identify(facts: StateFacts): ContainerIdentity;
}

/** `k=v` labels as runc records them (annotations, then `bundle=<dir>` last) → annotations; `bundle` excluded. */
export function annotationsOf(labels: readonly unknown[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (labels === undefined) return out;
  // runc appends its own `bundle=` last: an annotation named `bundle` before it is still the user's.
  const last = labels.length - 1;
  labels.forEach((label, i) => {
    if (typeof label !== 'string') return;
    const eq = label.indexOf('=');
    if (eq <= 0) return;
    const key = label.slice(0, eq);
    if (key === 'bundle' && i === last) return;
    setOwn(out, key, label.slice(eq + 1));
  });
  return out;
}

/** Whether runc/crun recorded a bundle `<storage>/…/<id>/userdata`: a containers/storage engine's (Podman, CRI-O). */
export function bundleIn(storage: string, facts: StateFacts): boolean {
  const bundle = facts.bundle;
  return bundle !== undefined && bundle.startsWith(`${storage}/`) && bundle.endsWith(`/${facts.id}/userdata`);
}
