import { PseudoFileReader } from './pseudo-file-reader.js';

/**
 * The reads a cgroup reader needs; a {@link PseudoFileReader} (cached descriptors) in production. Readers
 * without `readParsed`/`tryReadParsed` (fakes, recorders) get `parse(read(path))` from the helpers below.
 */
export type FileReader = Pick<PseudoFileReader, 'read' | 'tryRead'> &
  Partial<Pick<PseudoFileReader, 'readParsed' | 'tryReadParsed'>>;

/** `parse` of a required file, skipped when its bytes did not change (see PseudoFileReader.readParsed). */
export function readParsed<T>(reader: FileReader, path: string, parse: (text: string, path: string) => T): T {
  return reader.readParsed !== undefined ? reader.readParsed(path, parse) : parse(reader.read(path), path);
}

/** `parse` of an optional file (undefined when it does not exist), skipped when its bytes did not change. */
export function tryReadParsed<T>(
  reader: FileReader,
  path: string,
  parse: (text: string, path: string) => T,
): T | undefined {
  if (reader.tryReadParsed !== undefined) return reader.tryReadParsed(path, parse);
  const text = reader.tryRead(path);
  return text === undefined ? undefined : parse(text, path);
}

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

// Paths already joined, per directory. Readers run every tick with the same directory string and file
// names, and the descriptor cache looks each path up in a Map: handing back the same string object lets V8
// reuse its hash instead of building and hashing a new ~100-character string per read. Bounded: a fleet of
// 1,000 v1 containers has about 7,000 controller directories; past the cap the memo starts over.
const MAX_MEMO_DIRS = 16_384;
/** And at most this many paths in all (past it, paths are joined without memo until the memo starts over). */
const MAX_MEMO_PATHS = 262_144;
let memoized = 0;
/** Per directory, its joined paths by file name: a prototype-less object (a 1,000-container sweep looks up
 * some 10,000 paths, and a property lookup here costs less than a Map's). */
type Joined = Record<string, string | undefined>;
const joined = new Map<string, Joined>();
/** The last directory joined and its memo: a controller's reads join one directory with several files in a row. */
let lastDir = '';
let lastFiles: Joined | undefined;

/** `dir/file` without doubling a trailing slash (the same string object for the same pair, while memoized). */
export function joinPath(dir: string, file: string): string {
  let files = dir === lastDir ? lastFiles : joined.get(dir);
  if (files === undefined) {
    if (joined.size >= MAX_MEMO_DIRS) {
      joined.clear();
      memoized = 0;
    }
    files = Object.create(null) as Joined;
    joined.set(dir, files);
  }
  lastDir = dir;
  lastFiles = files;
  let path = files[file];
  if (path === undefined) {
    path = dir.endsWith('/') ? `${dir}${file}` : `${dir}/${file}`;
    // Its hash is computed on its first lookup and then stays cached on this one string.
    if (memoized < MAX_MEMO_PATHS) {
      files[file] = path;
      memoized++;
    }
  }
  return path;
}
