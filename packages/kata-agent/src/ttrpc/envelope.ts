import { ProtoReader, WireType } from '../protobuf/proto-reader.js';
import { ProtoWriter } from '../protobuf/proto-writer.js';

/** `ttrpc.Request` (kata-agent-protocol §1.4). */
export interface TtrpcRequest {
  service: string;
  method: string;
  payload: Uint8Array;
  /** 0 = no server-side deadline. */
  timeoutNano: bigint;
  metadata: readonly (readonly [string, string])[];
}

/** `google.rpc.Status`, details ignored. */
export interface TtrpcStatus {
  code: number;
  message: string;
}

/** `ttrpc.Response`: `status` is absent on success from Go servers and `{code: 0}` from the Rust agent. */
export interface TtrpcResponse {
  status?: TtrpcStatus;
  payload: Uint8Array;
}

/** `service`/`method` fields pre-encoded (tag + length + bytes): a client calls the same few methods forever. */
const nameFields = new Map<string, Uint8Array>();

function nameField(field: number, name: string): Uint8Array {
  const key = `${field}\0${name}`;
  let bytes = nameFields.get(key);
  if (bytes === undefined) {
    bytes = new ProtoWriter().string(field, name).finish();
    if (nameFields.size < 256) nameFields.set(key, bytes);
  }
  return bytes;
}

export function encodeRequest(req: TtrpcRequest): Uint8Array {
  return encodeRequestAt(req, 0);
}

/**
 * The Request body written after `offset` bytes of room (the caller's frame header), in one allocation:
 * the hot path of every call.
 */
export function encodeRequestAt(req: TtrpcRequest, offset: number): Buffer {
  const service = nameField(1, req.service);
  const method = nameField(2, req.method);
  let tail: Uint8Array | undefined;
  if (req.timeoutNano !== 0n || req.metadata.length > 0) {
    const w = new ProtoWriter();
    if (req.timeoutNano !== 0n) w.varint(4, req.timeoutNano);
    for (const [key, value] of req.metadata) w.message(5, new ProtoWriter().string(1, key).string(2, value));
    tail = w.finish();
  }
  const payloadLen = req.payload.length;
  const payloadHead = payloadLen === 0 ? 0 : 1 + varintSize(payloadLen);
  const size = service.length + method.length + payloadHead + payloadLen + (tail?.length ?? 0);
  const out = Buffer.allocUnsafe(offset + size);
  let at = offset;
  out.set(service, at);
  at += service.length;
  out.set(method, at);
  at += method.length;
  if (payloadLen > 0) {
    out[at++] = 0x1a; // field 3, LEN
    for (let v = payloadLen; ; ) {
      if (v < 0x80) {
        out[at++] = v;
        break;
      }
      out[at++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    out.set(req.payload, at);
    at += payloadLen;
  }
  if (tail !== undefined) out.set(tail, at);
  return out;
}

function varintSize(n: number): number {
  let size = 1;
  for (let v = n; v >= 0x80; v >>>= 7) size++;
  return size;
}

export function decodeResponse(body: Uint8Array): TtrpcResponse {
  const r = new ProtoReader(body);
  const res: TtrpcResponse = { payload: new Uint8Array(0) };
  for (let field = r.nextField(); field !== 0; field = r.nextField()) {
    if (field === 1) {
      r.expect(WireType.LEN);
      res.status = decodeStatus(r.sub());
    } else if (field === 2) {
      r.expect(WireType.LEN);
      res.payload = r.bytes();
    } else r.skip();
  }
  return res;
}

function decodeStatus(r: ProtoReader): TtrpcStatus {
  const status: TtrpcStatus = { code: 0, message: '' };
  for (let field = r.nextField(); field !== 0; field = r.nextField()) {
    if (field === 1) {
      r.expect(WireType.VARINT);
      status.code = r.int32();
    } else if (field === 2) {
      r.expect(WireType.LEN);
      status.message = r.string();
    } else r.skip();
  }
  return status;
}
