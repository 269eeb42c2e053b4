import { errorKindOf, type ErrorKind } from '../errors/katamon-error.js';

// Most telling first: a vanished container explains every other failure; `internal` explains nothing.
const relevance: readonly ErrorKind[] = [
  'gone',
  'not-running',
  'not-found',
  'permission-denied',
  'unsupported',
  'unavailable',
  'timeout',
  'io',
  'parse',
  'plugin',
  'invalid-argument',
  'ambiguous',
  'cancelled',
  'internal',
];

/** Picks the error that best explains why nothing could be read (first of equals wins). */
export function mostRelevantError<TError>(errors: readonly TError[]): TError {
  let best = errors[0] as TError;
  let bestRank = relevance.indexOf(errorKindOf(best));
  for (const e of errors.slice(1)) {
    const r = relevance.indexOf(errorKindOf(e));
    if (r < bestRank) {
      best = e;
      bestRank = r;
    }
  }
  return best;
}
