import { setOwn } from '@katamon/core';
import { fieldOf, readEngineJson } from './read-engine-json.js';

/** An OCI runtime spec is tens of KiB; annotations make it grow, not to megabytes. */
const MAX_BUNDLE_CONFIG_BYTES = 4 * 1024 * 1024;

export interface BundleAnnotations {
  /** `annotations` of the bundle's config.json (string values only); empty when unreadable. */
  annotations: Record<string, string>;
  /** Why it could not be read (one line naming the file); absent when read or when there is no such bundle. */
  issue?: string;
  found: boolean;
}

/**
 * The OCI annotations of `<root>/<bundleDir>/config.json` (a bundle below an engine's root: containerd's task
 * directory, CRI-O's storage run root), read with {@link readEngineJson}'s rules.
 */
export function readBundleAnnotations(root: string, bundleDir: string): BundleAnnotations {
  const read = readEngineJson(root, `${bundleDir}/config.json`, 'OCI bundle config', MAX_BUNDLE_CONFIG_BYTES);
  const annotations: Record<string, string> = {};
  if (!read.found)
    return read.issue === undefined ? { annotations, found: false } : { annotations, found: false, issue: read.issue };
  const raw = fieldOf(read.value, 'annotations');
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') setOwn(annotations, k, v);
  }
  return { annotations, found: true };
}
