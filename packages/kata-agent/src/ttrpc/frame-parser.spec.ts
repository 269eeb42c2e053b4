import fc from 'fast-check';
import type { FrameHeader } from './frame.js';
import { encodeFrame, FRAME_HEADER_LENGTH, MessageType } from './frame.js';
import { FrameParser } from './frame-parser.js';

interface Seen {
  frames: { header: FrameHeader; body: string }[];
  oversized: FrameHeader[];
}

function collector(max?: number): { parser: FrameParser; seen: Seen } {
  const seen: Seen = { frames: [], oversized: [] };
  const parser = new FrameParser(
    {
      frame: (header, body) => seen.frames.push({ header, body: body.toString('hex') }),
      oversized: (h) => seen.oversized.push(h),
    },
    max,
  );
  return { parser, seen };
}

/** Cuts `bytes` at the given (sorted, deduplicated) offsets. */
function cut(bytes: Buffer, offsets: number[]): Buffer[] {
  const points = [...new Set(offsets.map((o) => o % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let last = 0;
  for (const p of [...points, bytes.length]) {
    parts.push(bytes.subarray(last, p));
    last = p;
  }
  return parts;
}

const frameArb = fc.record({
  streamId: fc.nat({ max: 0xffff_ffff }),
  type: fc.constantFrom(MessageType.RESPONSE, MessageType.DATA, MessageType.REQUEST),
  body: fc.uint8Array({ maxLength: 300 }),
  oversize: fc.boolean(),
});

describe('FrameParser', () => {
  it('yields the same frames however the byte stream is split or coalesced', () => {
    fc.assert(
      fc.property(fc.array(frameArb, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 30 }), (frames, offsets) => {
        const max = 64; // a small limit makes oversize cases cheap
        const wire = Buffer.concat(
          frames.map((f) =>
            encodeFrame(f.streamId, f.type, 0, f.oversize ? new Uint8Array(max + 1 + f.body.length) : f.body),
          ),
        );
        const { parser, seen } = collector(max);
        for (const part of cut(wire, offsets)) parser.push(part);
        const expectedFrames = frames.filter((f) => !f.oversize && f.body.length <= max);
        const expectedOversized = frames.filter((f) => f.oversize || f.body.length > max);
        expect(seen.frames.map((f) => [f.header.streamId, f.header.type, f.body])).toEqual(
          expectedFrames.map((f) => [f.streamId, f.type, Buffer.from(f.body).toString('hex')]),
        );
        expect(seen.oversized.map((h) => h.streamId)).toEqual(expectedOversized.map((f) => f.streamId));
        expect(parser.buffered).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('skips an oversized body without buffering it and stays in sync', () => {
    const { parser, seen } = collector(16);
    const big = encodeFrame(3, MessageType.RESPONSE, 0, new Uint8Array(1000));
    parser.push(big.subarray(0, 500));
    expect(parser.buffered).toBe(0);
    parser.push(Buffer.concat([big.subarray(500), encodeFrame(5, MessageType.RESPONSE, 0, Uint8Array.of(1, 2))]));
    expect(seen.oversized.map((h) => [h.streamId, h.length])).toEqual([[3, 1000]]);
    expect(seen.frames.map((f) => [f.header.streamId, f.body])).toEqual([[5, '0102']]);
  });

  it('accepts a body of exactly the limit (4 MiB by default)', () => {
    const { parser, seen } = collector();
    const frame = encodeFrame(1, MessageType.RESPONSE, 0, new Uint8Array(4 << 20));
    for (let i = 0; i < frame.length; i += 65536) parser.push(frame.subarray(i, i + 65536));
    expect(seen.frames).toHaveLength(1);
    expect(seen.oversized).toHaveLength(0);
    expect(parser.buffered).toBe(0);
  });

  it('treats bytes that cannot be a ttrpc header as a connection error', () => {
    expect(() => collector().parser.push(Buffer.from('HTTP/1.1 400 Bad Request\r\n'))).toThrow(/invalid frame header/);
    const badType = Buffer.alloc(FRAME_HEADER_LENGTH);
    badType[8] = 9;
    expect(() => collector().parser.push(badType)).toThrow(/invalid frame header/);
  });

  it('any garbage either parses as frames or throws; it never buffers beyond one frame', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (junk) => {
        const { parser } = collector(64);
        try {
          parser.push(Buffer.from(junk));
        } catch (err) {
          expect(String(err)).toMatch(/invalid frame header/);
        }
        expect(parser.buffered).toBeLessThanOrEqual(64 + FRAME_HEADER_LENGTH);
      }),
      { numRuns: 200 },
    );
  });
});
