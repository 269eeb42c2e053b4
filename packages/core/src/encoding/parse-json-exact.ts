import { KatamonError } from '../errors/katamon-error.js';

/**
 * A JSON value with integers kept exact: an integer literal (no fraction, no exponent) is a `bigint`,
 * any other number a `number` (so is `-0`, which a bigint cannot hold). Objects are Maps: keys come from
 * untrusted input and must not meet `Object.prototype`. A repeated key keeps the last value, as Go does.
 */
export type JsonValue = null | boolean | string | bigint | number | JsonValue[] | JsonObject;
export type JsonObject = Map<string, JsonValue>;

const MAX_DEPTH = 64;
const literals: readonly (readonly [string, JsonValue])[] = [
  ['true', true],
  ['false', false],
  ['null', null],
];

/** RFC 8259 JSON, strictly: one value, optional surrounding whitespace. Errors are KatamonError('parse'). */
export function parseJsonExact(text: string): JsonValue {
  const p = new Parser(text);
  p.ws();
  const v = p.value(0);
  p.ws();
  if (p.i < text.length) p.fail('after the top-level value');
  return v;
}

const numberPattern = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

class Parser {
  i = 0;
  constructor(readonly s: string) {}

  fail(where: string): never {
    const at = this.i < this.s.length ? `unexpected ${JSON.stringify(this.s[this.i])}` : 'unexpected end of input';
    throw new KatamonError('parse', `invalid JSON at offset ${this.i}: ${at} ${where}`);
  }

  ws(): void {
    const s = this.s;
    for (;;) {
      const c = s.charCodeAt(this.i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.i++;
      else return;
    }
  }

  value(depth: number): JsonValue {
    if (depth > MAX_DEPTH) throw new KatamonError('parse', `invalid JSON: nested deeper than ${MAX_DEPTH} levels`);
    const c = this.s[this.i];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const [word, v] of literals) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return v;
      }
    }
    return this.fail('where a value was expected');
  }

  object(depth: number): JsonObject {
    const obj: JsonObject = new Map();
    this.i++;
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return obj;
    }
    for (;;) {
      if (this.s[this.i] !== '"') this.fail('where an object key was expected');
      const key = this.string();
      this.ws();
      if (this.s[this.i] !== ':') this.fail("where ':' was expected");
      this.i++;
      this.ws();
      obj.set(key, this.value(depth + 1));
      this.ws();
      const c = this.s[this.i];
      if (c !== ',' && c !== '}') this.fail("where ',' or '}' was expected");
      this.i++;
      if (c === '}') return obj;
      this.ws();
    }
  }

  array(depth: number): JsonValue[] {
    const arr: JsonValue[] = [];
    this.i++;
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return arr;
    }
    for (;;) {
      arr.push(this.value(depth + 1));
      this.ws();
      const c = this.s[this.i];
      if (c !== ',' && c !== ']') this.fail("where ',' or ']' was expected");
      this.i++;
      if (c === ']') return arr;
      this.ws();
    }
  }

  number(): bigint | number {
    numberPattern.lastIndex = this.i;
    const m = numberPattern.exec(this.s);
    if (m === null) return this.fail('in a number');
    this.i += m[0].length;
    if (m[1] === undefined && m[2] === undefined && m[0] !== '-0') return BigInt(m[0]);
    return Number(m[0]);
  }

  string(): string {
    const s = this.s;
    let out = '';
    let start = ++this.i;
    for (;;) {
      const c = s.charCodeAt(this.i);
      if (c === 0x22) {
        out += s.slice(start, this.i++);
        return out;
      }
      if (Number.isNaN(c) || c < 0x20) this.fail('in a string');
      if (c !== 0x5c) {
        this.i++;
        continue;
      }
      out += s.slice(start, this.i);
      const e = s[this.i + 1];
      this.i += 2;
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out += e;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          const h = s.slice(this.i, this.i + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(h)) this.fail('in a \\u escape');
          out += String.fromCharCode(parseInt(h, 16));
          this.i += 4;
          break;
        }
        default:
          this.i -= 1;
          this.fail('after a backslash');
      }
      start = this.i;
    }
  }
}
