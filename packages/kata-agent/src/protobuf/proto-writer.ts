const encoder = new TextEncoder();

/**
 * A protobuf writer for the small messages katamon sends. Scalars go to a byte list, byte fields are kept
 * as views and copied once by {@link finish}; proto3 defaults (0, '', empty) are omitted by callers.
 */
export class ProtoWriter {
  private readonly parts: Uint8Array[] = [];
  private scratch: number[] = [];
  private length = 0;

  /** Field tag plus varint value (uint64; negative int64 as two's complement). */
  varint(field: number, value: bigint | number): this {
    this.tag(field, 0);
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) this.smallVarint(value);
    else this.bigVarint(BigInt.asUintN(64, BigInt(value)));
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, 2);
    this.smallVarint(value.length);
    this.flushScratch();
    this.parts.push(value);
    this.length += value.length;
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
    for (const v of values) inner.bigVarint(BigInt.asUintN(64, v));
    return this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    this.flushScratch();
    if (this.parts.length === 1) return this.parts[0] as Uint8Array;
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }

  private tag(field: number, wireType: number): void {
    this.smallVarint(field * 8 + wireType);
  }

  private smallVarint(value: number): void {
    let v = value;
    while (v >= 0x80) {
      this.scratch.push(v % 0x80 | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.scratch.push(v);
  }

  private bigVarint(value: bigint): void {
    let v = value;
    while (v >= 0x80n) {
      this.scratch.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.scratch.push(Number(v));
  }

  private flushScratch(): void {
    if (this.scratch.length === 0) return;
    this.parts.push(Uint8Array.from(this.scratch));
    this.length += this.scratch.length;
    this.scratch = [];
  }
}
