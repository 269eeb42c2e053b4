import { KataAgentError } from '../errors/kata-agent-error.js';

/** One sample of the Prometheus text exposition format (0.0.4). */
export interface PromSample {
  name: string;
  labels: Map<string, string>;
  value: number;
  /** The value exactly as written, for exact integer conversion ({@link exactInteger}). */
  text: string;
  timestampMs?: number;
}

export interface PromFamily {
  help?: string;
  type?: string;
}

export interface PromText {
  samples: PromSample[];
  /** HELP/TYPE metadata by metric family name. */
  families: Map<string, PromFamily>;
}

function fail(lineNo: number, why: string): KataAgentError {
  return new KataAgentError('parse', `prometheus text line ${lineNo}: ${why}`);
}

const NAME_START = /[a-zA-Z_:]/;
const NAME_CHAR = /[a-zA-Z0-9_:]/;

/**
 * Parses Prometheus text exposition: HELP/TYPE lines (HELP escapes `\\` and `\n`), other comments, label
 * values with `\\`, `\"`, `\n` escapes, Go float spellings (NaN, ±Inf, exponents) and optional timestamps.
 * The text comes from the guest, so malformed lines are errors rather than guesses.
 */
export function parsePrometheusText(text: string): PromText {
  const out: PromText = { samples: [], families: new Map() };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, '');
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (trimmed.startsWith('#')) {
      const m = /^#\s+(HELP|TYPE)\s+([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\s(.*))?$/.exec(trimmed);
      if (m === null) continue; // a plain comment
      const family = out.families.get(m[2] as string) ?? {};
      if (m[1] === 'HELP') family.help = unescapeHelp(m[3] ?? '');
      else family.type = (m[3] ?? '').trim();
      out.families.set(m[2] as string, family);
      continue;
    }
    out.samples.push(parseSample(trimmed, i + 1));
  }
  return out;
}

function unescapeHelp(s: string): string {
  return s.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
}

function parseSample(line: string, lineNo: number): PromSample {
  let pos = 0;
  if (!NAME_START.test(line[0] ?? '')) throw fail(lineNo, 'expected a metric name');
  while (pos < line.length && NAME_CHAR.test(line[pos] as string)) pos++;
  const name = line.slice(0, pos);
  const labels = new Map<string, string>();
  if (line[pos] === '{') {
    pos++;
    for (;;) {
      while (line[pos] === ' ' || line[pos] === '\t') pos++;
      if (line[pos] === '}') {
        pos++;
        break;
      }
      const start = pos;
      while (pos < line.length && /[a-zA-Z0-9_]/.test(line[pos] as string)) pos++;
      const label = line.slice(start, pos);
      if (label === '' || /^[0-9]/.test(label)) throw fail(lineNo, 'expected a label name');
      while (line[pos] === ' ') pos++;
      if (line[pos] !== '=') throw fail(lineNo, `expected '=' after label ${label}`);
      pos++;
      while (line[pos] === ' ') pos++;
      if (line[pos] !== '"') throw fail(lineNo, `expected '"' for label ${label}`);
      pos++;
      let value = '';
      for (;;) {
        if (pos >= line.length) throw fail(lineNo, 'unterminated label value');
        const c = line[pos++] as string;
        if (c === '"') break;
        if (c !== '\\') {
          value += c;
          continue;
        }
        const e = line[pos++];
        if (e === 'n') value += '\n';
        else if (e === '\\' || e === '"') value += e;
        else throw fail(lineNo, `invalid escape \\${e ?? ''}`);
      }
      if (labels.has(label)) throw fail(lineNo, `duplicate label ${label}`);
      labels.set(label, value);
      while (line[pos] === ' ') pos++;
      if (line[pos] === ',') pos++;
      else if (line[pos] !== '}') throw fail(lineNo, "expected ',' or '}'");
    }
  }
  const rest = line
    .slice(pos)
    .trim()
    .split(/[ \t]+/);
  if (rest.length < 1 || rest.length > 2 || rest[0] === '') throw fail(lineNo, 'expected a value');
  const valueText = rest[0] as string;
  const value = parseGoFloat(valueText);
  if (value === undefined) throw fail(lineNo, `invalid value ${JSON.stringify(valueText)}`);
  const sample: PromSample = { name, labels, value, text: valueText };
  if (rest.length === 2) {
    if (!/^-?[0-9]+$/.test(rest[1] as string)) throw fail(lineNo, 'invalid timestamp');
    sample.timestampMs = Number(rest[1]);
  }
  return sample;
}

const FLOAT = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/** Go's ParseFloat spellings the exposition uses; undefined when it is not a number. */
export function parseGoFloat(text: string): number | undefined {
  const lower = text.toLowerCase();
  if (lower === 'nan') return NaN;
  if (lower === '+inf' || lower === 'inf') return Infinity;
  if (lower === '-inf') return -Infinity;
  if (!FLOAT.test(text)) return undefined;
  return Number(text);
}

/**
 * The exact integer a value's text denotes (`12`, `1.5e3`, `4.2e+06`), or undefined when it is fractional,
 * NaN or infinite. Works on the digits, so values above 2^53 are not rounded through a double.
 */
export function exactInteger(text: string): bigint | undefined {
  if (!FLOAT.test(text)) return undefined;
  const m = /^([+-]?)([0-9]*)\.?([0-9]*)(?:[eE]([+-]?[0-9]+))?$/.exec(text);
  if (m === null) return undefined;
  const negative = m[1] === '-';
  let digits = `${m[2] ?? ''}${m[3] ?? ''}`;
  const exponent = Number(m[4] ?? '0') - (m[3] ?? '').length;
  if (exponent < 0) {
    const cut = digits.length + exponent;
    const fraction = cut <= 0 ? digits : digits.slice(cut);
    if (/[1-9]/.test(fraction)) return undefined;
    digits = cut <= 0 ? '0' : digits.slice(0, cut);
  } else {
    if (exponent > 400) return undefined; // beyond any counter; refuse to build huge strings
    digits += '0'.repeat(exponent);
  }
  const value = BigInt(digits === '' ? '0' : digits);
  return negative ? -value : value;
}
