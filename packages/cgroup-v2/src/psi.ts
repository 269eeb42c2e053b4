import type { PsiData, PsiStats } from '@katamon/core';
import {
  SysfsError,
  forEachLine,
  parseUintStrict,
  splitFields,
  tryReadParsed,
  defaultReader,
  type FileReader,
} from '@katamon/sysfs';

const zero = (): PsiData => ({ avg10: 0, avg60: 0, avg300: 0, total: 0n });

function parseFloat64(s: string): number | undefined {
  // Kernel writes `%lu.%02lu`; accept what Go's ParseFloat accepts for plain decimals.
  if (s === '' || s.trim() !== s) return undefined;
  const v = Number(s);
  return Number.isNaN(v) ? undefined : v;
}

/** Parses a PSI file (`some avg10=… avg60=… avg300=… total=…` / `full …`); other lines are ignored. */
export function parsePsi(text: string, path: string): PsiStats {
  const psi: PsiStats = { some: zero(), full: zero() };
  forEachLine(text, (line) => {
    const parts = splitFields(line);
    const kind = parts[0];
    if (kind !== 'some' && kind !== 'full') return;
    const data = zero();
    for (let i = 1; i < parts.length; i++) {
      const token = parts[i] as string;
      const eq = token.indexOf('=');
      if (eq < 0) throw SysfsError.parse(path, `a ${kind} field without '='`);
      const key = token.slice(0, eq);
      const val = token.slice(eq + 1);
      if (key === 'total') {
        const total = parseUintStrict(val);
        if (total === undefined) throw SysfsError.parse(path, `the ${kind} total is not an unsigned integer`);
        data.total = total;
      } else if (key === 'avg10' || key === 'avg60' || key === 'avg300') {
        const v = parseFloat64(val);
        if (v === undefined) throw SysfsError.parse(path, `the ${kind} ${key} is not a number`);
        data[key] = v;
      }
    }
    psi[kind] = data;
  });
  return psi;
}

/**
 * Reads a PSI file. Absent (undefined) when the file is missing (kernel < 4.20 or CONFIG_PSI unset) or
 * reading it is not supported (booted with psi=0).
 */
export function readPsi(file: string, reader: FileReader = defaultReader()): PsiStats | undefined {
  try {
    // The PsiStats object is shared with later samples whose file is byte-identical: never modified.
    return tryReadParsed(reader, file, parsePsi);
  } catch (error) {
    if (SysfsError.isKind(error, 'unsupported')) return undefined;
    throw error;
  }
}
