import { PseudoFileReader } from './pseudo-file-reader.js';

/** The reads a cgroup reader needs; a {@link PseudoFileReader} (cached descriptors) in production. */
export type FileReader = Pick<PseudoFileReader, 'read' | 'tryRead'>;

let shared: PseudoFileReader | undefined;

/**
 * The reader for calls that passed none: one small process-wide reader, so ad-hoc calls (a guest check
 * script, a REPL) still reuse descriptors. Sources always create and pass their own.
 */
export function defaultReader(): FileReader {
  // No memory of absent files: ad-hoc callers may enable a controller between two calls.
  shared ??= new PseudoFileReader({ maxOpenFiles: 256, missingTtlMs: 0 });
  return shared;
}

/** `dir/file` without doubling a trailing slash. */
export function joinPath(dir: string, file: string): string {
  return dir.endsWith('/') ? `${dir}${file}` : `${dir}/${file}`;
}
