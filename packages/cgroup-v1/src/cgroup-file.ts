import { joinPath, parseSingleUint, readParsed, tryReadParsed, type FileReader } from '@katamon/sysfs';

/** A required single-value file (missing → the reader's not-found error). */
export function readUint(reader: FileReader, dir: string, file: string): bigint {
  return readParsed(reader, joinPath(dir, file), parseSingleUint);
}

/** An optional single-value file: `undefined` when missing. */
export function tryReadUint(reader: FileReader, dir: string, file: string): bigint | undefined {
  return tryReadParsed(reader, joinPath(dir, file), parseSingleUint);
}
