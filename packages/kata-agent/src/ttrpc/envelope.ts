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

export function encodeRequest(req: TtrpcRequest): Uint8Array {
  const w = new ProtoWriter().string(1, req.service).string(2, req.method);
  if (req.payload.length > 0) w.bytes(3, req.payload);
  if (req.timeoutNano !== 0n) w.varint(4, req.timeoutNano);
  for (const [key, value] of req.metadata) w.message(5, new ProtoWriter().string(1, key).string(2, value));
  return w.finish();
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
