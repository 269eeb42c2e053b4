import { KataAgentError } from '../errors/kata-agent-error.js';

/** Protobuf wire types (proto3 uses 0, 1, 2 and 5; 3/4 are the deprecated groups). */
export const WireType = { VARINT: 0, I64: 1, LEN: 2, SGROUP: 3, EGROUP: 4, I32: 5 } as const;

const decoder = new TextDecoder('utf-8', { fatal: false });

function malformed(what: string): KataAgentError {
  return new KataAgentError('parse', `malformed protobuf: ${what}`);
}

/**
 * A forward-only protobuf reader over one message. Bytes come from the agent, so every length is checked
 * against the end of the message; nothing is allocated except the values read.
 */
export class ProtoReader {
  private pos: number;
  private readonly end: number;
  /** Wire type of the field returned by the last {@link nextField}. */
  wireType = 0;

  constructor(
    private readonly buf: Uint8Array,
    start = 0,
    end = buf.length,
  ) {
    this.pos = start;
    this.end = end;
  }

  /** The next field number, or 0 at the end of the message. */
  nextField(): number {
    if (this.pos >= this.end) return 0;
    const tag = this.uint32();
    const field = tag >>> 3;
    this.wireType = tag & 7;
    if (field === 0) throw malformed('field number 0');
    return field;
  }

  /** A varint as bigint (uint64; int64 values arrive as their two's complement). */
  varint(): bigint {
    // Fast path: up to 7 bytes fit a double exactly (49 bits).
    let low = 0;
    let shift = 1;
    for (let i = 0; i < 7; i++) {
      const b = this.byte();
      low += (b & 0x7f) * shift;
      if (b < 0x80) return BigInt(low);
      shift *= 128;
    }
    let value = BigInt(low);
    let bigShift = 49n;
    for (let i = 7; i < 10; i++) {
      const b = this.byte();
      value |= BigInt(b & 0x7f) << bigShift;
      if (b < 0x80) {
        if (i === 9 && b > 1) throw malformed('varint overflows 64 bits');
        return value;
      }
      bigShift += 7n;
    }
    throw malformed('varint longer than 10 bytes');
  }

  /** A varint for fields that are 32-bit or smaller (tags, lengths, enums, int32 codes). */
  uint32(): number {
    let value = 0;
    let shift = 1;
    for (let i = 0; i < 5; i++) {
      const b = this.byte();
      value += (b & 0x7f) * shift;
      if (b < 0x80) return value;
      shift *= 128;
    }
    // int32 negatives are sign-extended to 10 bytes: consume the rest, keep the low 32 bits.
    for (let i = 5; i < 10; i++) if (this.byte() < 0x80) return value % 0x1_0000_0000;
    throw malformed('varint longer than 10 bytes');
  }

  /** An int32 (e.g. a status code), sign restored. */
  int32(): number {
    return this.uint32() | 0;
  }

  bool(): boolean {
    return this.varint() !== 0n;
  }

  /** A length-delimited field as a view into the message (no copy). */
  bytes(): Uint8Array {
    const len = this.uint32();
    if (len > this.end - this.pos) throw malformed('length exceeds message');
    const start = this.pos;
    this.pos += len;
    return this.buf.subarray(start, this.pos);
  }

  string(): string {
    const bytes = this.bytes();
    // Keys and ops are short ASCII: building them directly is several times cheaper than TextDecoder.
    if (bytes.length <= 64) {
      let ascii = true;
      for (let i = 0; i < bytes.length; i++) {
        if ((bytes[i] as number) >= 0x80) {
          ascii = false;
          break;
        }
      }
      if (ascii) return String.fromCharCode.apply(null, bytes as unknown as number[]);
    }
    return decoder.decode(bytes);
  }

  /** One `map<string, uint64>` entry (key = 1, value = 2) into `into`, without intermediate objects. */
  mapStringUint64(into: Map<string, bigint>): void {
    this.expect(WireType.LEN);
    const entry = this.sub();
    let key = '';
    let value = 0n;
    for (let field = entry.nextField(); field !== 0; field = entry.nextField()) {
      if (field === 1) {
        entry.expect(WireType.LEN);
        key = entry.string();
      } else if (field === 2) {
        entry.expect(WireType.VARINT);
        value = entry.varint();
      } else entry.skip();
    }
    into.set(key, value);
  }

  /** A length-delimited field as a reader over its contents (sub-messages, packed lists). */
  sub(): ProtoReader {
    const len = this.uint32();
    if (len > this.end - this.pos) throw malformed('length exceeds message');
    const start = this.pos;
    this.pos += len;
    return new ProtoReader(this.buf, start, this.pos);
  }

  /** Appends a repeated uint64 field, accepting both packed (LEN) and unpacked (VARINT) encodings. */
  repeatedVarint(into: bigint[]): void {
    if (this.wireType === WireType.VARINT) {
      into.push(this.varint());
      return;
    }
    if (this.wireType !== WireType.LEN) throw malformed(`wire type ${this.wireType} for a repeated varint`);
    const packed = this.sub();
    while (!packed.atEnd()) into.push(packed.varint());
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  /** Skips the current field's value: unknown fields are legal and ignored. */
  skip(): void {
    switch (this.wireType) {
      case WireType.VARINT:
        this.varint();
        return;
      case WireType.I64:
        this.advance(8);
        return;
      case WireType.LEN:
        this.advance(this.uint32());
        return;
      case WireType.I32:
        this.advance(4);
        return;
      case WireType.SGROUP:
        this.skipGroup();
        return;
      default:
        throw malformed(`wire type ${this.wireType}`);
    }
  }

  /** Checks the wire type a known field must have; a mismatch is malformed input, not a skip. */
  expect(wireType: number): void {
    if (this.wireType !== wireType) throw malformed(`wire type ${this.wireType}, expected ${wireType}`);
  }

  private skipGroup(): void {
    for (;;) {
      if (this.pos >= this.end) throw malformed('unterminated group');
      const tag = this.uint32();
      this.wireType = tag & 7;
      if (this.wireType === WireType.EGROUP) return;
      this.skip();
    }
  }

  private advance(n: number): void {
    if (n > this.end - this.pos) throw malformed('truncated field');
    this.pos += n;
  }

  private byte(): number {
    if (this.pos >= this.end) throw malformed('truncated varint');
    return this.buf[this.pos++] as number;
  }
}
