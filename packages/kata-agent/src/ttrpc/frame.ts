/** ttrpc framing constants (kata-agent-protocol §1.1–1.3). */
export const FRAME_HEADER_LENGTH = 10;
/** Largest body either side accepts: exactly 4 MiB is allowed. */
export const MESSAGE_LENGTH_MAX = 4 << 20;
/**
 * A length at or above this cannot come from any ttrpc peer (byte 0 of a header is always 0): the stream is
 * out of sync, so the connection is dropped instead of skipping gigabytes.
 */
export const GARBAGE_LENGTH = 1 << 24;

export const MessageType = { REQUEST: 1, RESPONSE: 2, DATA: 3 } as const;

export interface FrameHeader {
  length: number;
  streamId: number;
  type: number;
  flags: number;
}

/** One frame as one buffer, so a single write() puts it on the socket whole. */
export function encodeFrame(streamId: number, type: number, flags: number, body: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(FRAME_HEADER_LENGTH + body.length);
  frame.writeUInt32BE(body.length, 0);
  frame.writeUInt32BE(streamId, 4);
  frame[8] = type;
  frame[9] = flags;
  frame.set(body, FRAME_HEADER_LENGTH);
  return frame;
}
