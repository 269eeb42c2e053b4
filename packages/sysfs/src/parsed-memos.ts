/** Up to this many bytes, compares and copies run in JavaScript: cheaper than a call into the binding. */
const SMALL = 128;

/** Whether `a[start, start + length)` equals `b[0, length)`. */
function sameBytes(a: Buffer, start: number, b: Buffer, length: number): boolean {
  if (length > SMALL) return a.compare(b, 0, length, start, start + length) === 0;
  for (let i = 0; i < length; i++) if (a[start + i] !== b[i]) return false;
  return true;
}

/** A parse function as `PseudoFileReader.readParsed` takes it. */
export type Parse = (text: string, path: string) => unknown;

/** One remembered parse: of a path ({@link ParsedMemos}), or of a batch plan's entry (BatchPlan.memos). */
export interface Memo {
  parse: Parse;
  value: unknown;
  /** A copy of the bytes parsed (`length` of them), or, for a kept static file, the text. */
  bytes: Buffer | undefined;
  length: number;
  text: string | undefined;
}

/** What {@link ParsedMemos.bytesValue}/{@link ParsedMemos.textValue} answer when nothing is remembered. */
export const NOT_REMEMBERED: unique symbol = Symbol('not remembered');

/**
 * What `PseudoFileReader.readParsed` remembers per path: the bytes (or a kept static file's text) it last
 * parsed with which function, and the value that gave. At most `cap` paths.
 */
export class ParsedMemos {
  readonly #memos = new Map<string, Memo>();
  readonly #cap: number;

  constructor(cap: number) {
    this.#cap = cap;
  }

  /** The value `parse` gave for these same bytes last time, or {@link NOT_REMEMBERED}. */
  bytesValue(path: string, parse: Parse, bytes: Buffer, start: number, length: number): unknown {
    return memoValue(this.#memos.get(path), parse, bytes, start, length);
  }

  /** The value `parse` gave for this same text (a kept static file's) last time, or {@link NOT_REMEMBERED}. */
  textValue(path: string, parse: Parse, text: string): unknown {
    const memo = this.#memos.get(path);
    return memo !== undefined && memo.parse === parse && memo.text === text ? memo.value : NOT_REMEMBERED;
  }

  rememberBytes(path: string, parse: Parse, value: unknown, bytes: Buffer, start: number, length: number): void {
    const memo = this.#memos.get(path);
    this.#set(path, memo, bytesMemo(memo, parse, value, bytes, start, length));
  }

  rememberText(path: string, parse: Parse, value: unknown, text: string): void {
    this.#set(path, this.#memos.get(path), {
      parse,
      value,
      bytes: undefined,
      length: 0,
      text,
    });
  }

  /** Forgets the paths under `prefix` (a directory with its trailing slash), or every path. */
  forget(prefix?: string): void {
    if (prefix === undefined) this.#memos.clear();
    else for (const path of [...this.#memos.keys()]) if (path.startsWith(prefix)) this.#memos.delete(path);
  }

  #set(path: string, memo: Memo | undefined, next: Memo): void {
    if (memo !== undefined) Object.assign(memo, next);
    else if (this.#memos.size < this.#cap) this.#memos.set(path, next);
  }
}

/** `memo`'s value when it remembers `parse` of these same bytes, else {@link NOT_REMEMBERED}. */
export function memoValue(memo: Memo | undefined, parse: Parse, bytes: Buffer, start: number, length: number): unknown {
  return memo !== undefined &&
    memo.parse === parse &&
    memo.length === length &&
    memo.bytes !== undefined &&
    sameBytes(bytes, start, memo.bytes, length)
    ? memo.value
    : NOT_REMEMBERED;
}

/** A memo of `parse` of these bytes giving `value`, with a copy of the bytes (reusing `previous`'s room). */
export function bytesMemo(
  previous: Memo | undefined,
  parse: Parse,
  value: unknown,
  bytes: Buffer,
  start: number,
  length: number,
): Memo {
  let copy = previous?.bytes;
  if (copy === undefined || copy.length < length) copy = Buffer.allocUnsafe(Math.max(64, length));
  if (length <= SMALL) for (let i = 0; i < length; i++) copy[i] = bytes[start + i] as number;
  else bytes.copy(copy, 0, start, start + length);
  return { parse, value, bytes: copy, length, text: undefined };
}
