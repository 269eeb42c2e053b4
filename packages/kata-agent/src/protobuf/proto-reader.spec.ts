import fc from 'fast-check';
import { WireWriter } from '@katamon/test-fixtures';
import { ProtoReader, WireType } from './proto-reader.js';
import { ProtoWriter } from './proto-writer.js';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/ /g, ''), 'hex'));

describe('ProtoReader', () => {
  it('reads uint64 varints over the full range, exactly', () => {
    const max = new ProtoReader(hex('ff ff ff ff ff ff ff ff ff 01'));
    expect(max.varint()).toBe(18446744073709551615n);
    expect(new ProtoReader(hex('80 b0 9d c2 df 01')).varint()).toBe(60_000_000_000n);
    expect(new ProtoReader(hex('00')).varint()).toBe(0n);
  });

  it('rejects truncated, overlong and overflowing varints', () => {
    expect(() => new ProtoReader(hex('80 80')).varint()).toThrow(/truncated varint/);
    expect(() => new ProtoReader(hex('ff ff ff ff ff ff ff ff ff ff 01')).varint()).toThrow(/longer than 10/);
    expect(() => new ProtoReader(hex('ff ff ff ff ff ff ff ff ff 02')).varint()).toThrow(/overflows/);
  });

  it('restores negative int32 codes sent as 10-byte varints', () => {
    expect(new ProtoReader(hex('ff ff ff ff ff ff ff ff ff 01')).int32()).toBe(-1);
  });

  it('skips unknown fields of every wire type, groups included', () => {
    // f1 fixed64, f2 fixed32, f3 group{f1 varint}, f4 LEN, then f5 varint = 7
    const r = new ProtoReader(hex('09 0102030405060708 15 01020304 1b 08 01 1c 22 02 aabb 28 07'));
    const seen: number[] = [];
    for (let f = r.nextField(); f !== 0; f = r.nextField()) {
      if (f === 5) seen.push(Number(r.varint()));
      else r.skip();
    }
    expect(seen).toEqual([7]);
  });

  it('refuses lengths past the end of the message and field number 0', () => {
    expect(() => new ProtoReader(hex('0a 05 01')).bytes()).toThrow(/truncated|exceeds/);
    const r = new ProtoReader(hex('0a 05 01'));
    r.nextField();
    expect(() => r.bytes()).toThrow(/length exceeds message/);
    expect(() => new ProtoReader(hex('00 01')).nextField()).toThrow(/field number 0/);
  });

  it('accepts repeated varints packed and unpacked alike', () => {
    for (const packed of [true, false]) {
      const bytes = new WireWriter().repeated(2, [1n, 300n, 18446744073709551615n], packed).finish();
      const r = new ProtoReader(bytes);
      const out: bigint[] = [];
      for (let f = r.nextField(); f !== 0; f = r.nextField()) r.repeatedVarint(out);
      expect(out).toEqual([1n, 300n, 18446744073709551615n]);
    }
  });

  it('round-trips any uint64 and string written by an independent writer', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.string({ unit: 'grapheme' }), (n, s) => {
        const r = new ProtoReader(new WireWriter().uint(1, n, true).string(2, s).finish());
        expect(r.nextField()).toBe(1);
        expect(r.wireType).toBe(WireType.VARINT);
        expect(r.varint()).toBe(n);
        if (s !== '') {
          expect(r.nextField()).toBe(2);
          expect(r.string()).toBe(s);
        }
        expect(r.nextField()).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('reads what ProtoWriter writes (packed lists included)', () => {
    const bytes = new ProtoWriter()
      .varint(1, 5n)
      .packed(2, [0n, 1n << 63n])
      .string(3, 'é')
      .finish();
    const r = new ProtoReader(bytes);
    r.nextField();
    expect(r.varint()).toBe(5n);
    r.nextField();
    const list: bigint[] = [];
    r.repeatedVarint(list);
    expect(list).toEqual([0n, 1n << 63n]);
    r.nextField();
    expect(r.string()).toBe('é');
  });
});
