const encoder = new TextEncoder();

/**
 * A protobuf writer for the small messages katamon sends (requests are a few dozen bytes). Sub-messages
 * are written by a nested writer and copied once; proto3 defaults (0, '', empty) are omitted by callers.
 */
export class ProtoWriter {
  private chunks: number[] = [];

  /** Field tag plus varint value. */
  varint(field: number, value: bigint | number): this {
    this.tag(field, 0);
    this.rawVarint(typeof value === 'bigint' ? BigInt.asUintN(64, value) : BigInt.asUintN(64, BigInt(value)));
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, 2);
    this.rawVarint(BigInt(value.length));
    for (const b of value) this.chunks.push(b);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, encoder.encode(value));
  }

  message(field: number, sub: ProtoWriter): this {
    return this.bytes(field, sub.finish());
  }

  /** A repeated uint64 in proto3's default packed form. */
  packed(field: number, values: readonly bigint[]): this {
    const inner = new ProtoWriter();
    for (const v of values) inner.rawVarint(BigInt.asUintN(64, v));
    return this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }

  private tag(field: number, wireType: number): void {
    this.rawVarint(BigInt(field * 8 + wireType));
  }

  private rawVarint(value: bigint): void {
    let v = value;
    while (v >= 0x80n) {
      this.chunks.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.chunks.push(Number(v));
  }
}
