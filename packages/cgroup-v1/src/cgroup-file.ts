import { joinPath, parseSingleUint, type FileReader } from '@katamon/sysfs';

/** A required single-value file (missing → the reader's not-found error). */
export function readUint(
  reader: FileReader,
  dir: string,
  file: string,
): bigint {
  const path = joinPath(dir, file);
  return parseSingleUint(reader.read(path), path);
}

/** An optional single-value file: `undefined` when missing. */
export function tryReadUint(
  reader: FileReader,
  dir: string,
  file: string,
): bigint | undefined {
  const path = joinPath(dir, file);
  const text = reader.tryRead(path);
  return text === undefined ? undefined : parseSingleUint(text, path);
}
