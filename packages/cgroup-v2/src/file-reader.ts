import { PseudoFileReader } from '@katamon/sysfs';

/** The reads a family reader needs; a {@link PseudoFileReader} (cached descriptors) in production. */
export type FileReader = Pick<PseudoFileReader, 'read' | 'tryRead'>;

let oneShot: PseudoFileReader | undefined;

/**
 * The reader for a call that passed none: one small process-wide reader, so ad-hoc calls (a guest check
 * script, a REPL) still reuse descriptors. Sources always pass their own.
 */
export function defaultReader(): FileReader {
  oneShot ??= new PseudoFileReader({ maxOpenFiles: 256 });
  return oneShot;
}

export function join(dir: string, file: string): string {
  return dir.endsWith('/') ? `${dir}${file}` : `${dir}/${file}`;
}
