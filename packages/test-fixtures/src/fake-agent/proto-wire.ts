/**
 * A deliberately separate, minimal protobuf codec for the fake agent, so that tests of katamon's client never
 * check its codec against itself.
 */
const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

export class WireWriter {
  private readonly out: number[] = [];

  uint(field: number, value: bigint | number, keepZero = false): this {
    const v = BigInt.asUintN(64, BigInt(value));
    if (v === 0n && !keepZero) return this;
    this.key(field, 0);
    this.raw(v);
    return this;
  }

  bytes(field: number, value: Uint8Array, keepEmpty = false): this {
    if (value.length === 0 && !keepEmpty) return this;
    this.key(field, 2);
    this.raw(BigInt(value.length));
    for (const b of value) this.out.push(b);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, utf8.encode(value));
  }

  /** A sub-message; written even when empty (as rust-protobuf writes a set message field). */
  message(field: number, sub: WireWriter): this {
    return this.bytes(field, sub.finish(), true);
  }

  /** Repeated uint64: packed (proto3 default) or one tag per element. */
  repeated(field: number, values: readonly bigint[], packed: boolean): this {
    if (!packed) {
      for (const v of values) this.uint(field, v, true);
      return this;
    }
    if (values.length === 0) return this;
    const inner = new WireWriter();
    for (const v of values) inner.raw(BigInt.asUintN(64, v));
    return this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.out);
  }

  private key(field: number, wire: number): void {
    this.raw(BigInt((field << 3) | wire));
  }

  private raw(value: bigint): void {
    let v = value;
    do {
      const low = Number(v & 0x7fn);
      v >>= 7n;
      this.out.push(v > 0n ? low | 0x80 : low);
    } while (v > 0n);
  }
}

export interface WireField {
  field: number;
  wire: number;
  /** Varint value (wire 0). */
  int: bigint;
  /** Length-delimited contents (wire 2). */
  data: Uint8Array;
}

/** Splits a message into fields; throws on malformed bytes (the fake answers those with INVALID_ARGUMENT). */
export function readFields(buf: Uint8Array): WireField[] {
  const fields: WireField[] = [];
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (pos >= buf.length) throw new Error('truncated varint');
      const b = buf[pos++] as number;
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return result;
    }
    throw new Error('varint too long');
  };
  while (pos < buf.length) {
    const key = Number(varint());
    const field: WireField = { field: key >>> 3, wire: key & 7, int: 0n, data: new Uint8Array(0) };
    if (field.field === 0) throw new Error('field 0');
    if (field.wire === 0) field.int = varint();
    else if (field.wire === 2) {
      const len = Number(varint());
      if (pos + len > buf.length) throw new Error('truncated bytes');
      field.data = buf.subarray(pos, pos + len);
      pos += len;
    } else if (field.wire === 1 || field.wire === 5) {
      pos += field.wire === 1 ? 8 : 4;
      if (pos > buf.length) throw new Error('truncated fixed');
    } else throw new Error(`wire type ${field.wire}`);
    fields.push(field);
  }
  return fields;
}

export function fieldText(data: Uint8Array): string {
  return utf8Decoder.decode(data);
}
