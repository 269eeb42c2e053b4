import { encodeStatsContainerRequest } from '../agent/agent-messages.js';
import { decodeResponse, encodeRequest } from './envelope.js';
import { encodeFrame, MessageType } from './frame.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const bytes = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/[ |]/g, ''), 'hex'));

// The worked examples of kata-agent-protocol §1.9, captured from Go ttrpc 1.1.1.
describe('ttrpc envelopes', () => {
  it('encodes the StatsContainer request frame byte for byte (§1.9 a)', () => {
    const body = encodeRequest({
      service: 'grpc.AgentService',
      method: 'StatsContainer',
      payload: encodeStatsContainerRequest('abc'),
      timeoutNano: 0n,
      metadata: [],
    });
    expect(hex(encodeFrame(1, MessageType.REQUEST, 0, body))).toBe(
      '0000002a0000000101000a11677270632e4167656e7453657276696365120e5374617473436f6e7461696e65721a050a03616263',
    );
  });

  it('appends timeout_nano as field 4 (60 s and 30 s)', () => {
    const base = {
      service: 'grpc.AgentService',
      method: 'StatsContainer',
      payload: encodeStatsContainerRequest('abc'),
      metadata: [],
    };
    expect(hex(encodeRequest({ ...base, timeoutNano: 60_000_000_000n })).endsWith('2080b09dc2df01')).toBe(true);
    expect(hex(encodeRequest({ ...base, timeoutNano: 30_000_000_000n })).endsWith('2080d88ee16f')).toBe(true);
  });

  it('omits an empty payload (Check request, §1.9 e)', () => {
    const body = encodeRequest({
      service: 'grpc.Health',
      method: 'Check',
      payload: new Uint8Array(0),
      timeoutNano: 0n,
      metadata: [],
    });
    expect(hex(encodeFrame(1, MessageType.REQUEST, 0, body))).toBe(
      '000000140000000101000a0b677270632e4865616c74681205436865636b',
    );
  });

  it('decodes success with status absent (Go) and with `0a 00` (Rust)', () => {
    const go = decodeResponse(bytes('12 06 0a 04 1a 02 08 03'));
    expect(go.status).toBeUndefined();
    expect(hex(go.payload)).toBe('0a041a020803');
    const rust = decodeResponse(bytes('0a 00 12 06 0a 04 1a 02 08 03'));
    expect(rust.status).toEqual({ code: 0, message: '' });
    expect(hex(rust.payload)).toBe('0a041a020803');
  });

  it('decodes an error status with its message (§1.9 d), skipping details', () => {
    const msg = Buffer.from('invalid container id').toString('hex');
    const res = decodeResponse(bytes(`0a 1c 08 03 12 14 ${msg} 1a 02 0a 00`));
    expect(res.status).toEqual({ code: 3, message: 'invalid container id' });
  });

  it('writes metadata key/value pairs', () => {
    const body = encodeRequest({
      service: 's',
      method: 'm',
      payload: new Uint8Array(0),
      timeoutNano: 0n,
      metadata: [['k', 'v']],
    });
    expect(hex(body)).toBe('0a017312016d2a060a016b120176');
  });
});
