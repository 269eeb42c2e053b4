import { ProtoReader, WireType } from '../protobuf/proto-reader.js';
import { ProtoWriter } from '../protobuf/proto-writer.js';

/** Wire names (kata-agent-protocol §2.1). */
export const AGENT_SERVICE = 'grpc.AgentService';
export const HEALTH_SERVICE = 'grpc.Health';

/** `HealthCheckResponse.status` (grpc.Health). */
export const ServingStatus = { UNKNOWN: 0, SERVING: 1, NOT_SERVING: 2 } as const;

export interface VersionCheckResponse {
  grpcVersion: string;
  agentVersion: string;
}

/** StatsContainerRequest{container_id = 1}. */
export function encodeStatsContainerRequest(containerId: string): Uint8Array {
  return new ProtoWriter().string(1, containerId).finish();
}

/** CheckRequest{service = 1}; empty service = the whole agent. */
export function encodeCheckRequest(service = ''): Uint8Array {
  const w = new ProtoWriter();
  if (service !== '') w.string(1, service);
  return w.finish();
}

/** Metrics{metrics = 1}: Prometheus text. */
export function decodeMetrics(payload: Uint8Array): string {
  const r = new ProtoReader(payload);
  let text = '';
  for (let field = r.nextField(); field !== 0; field = r.nextField()) {
    if (field === 1) {
      r.expect(WireType.LEN);
      text = r.string();
    } else r.skip();
  }
  return text;
}

/** HealthCheckResponse{status = 1}. */
export function decodeHealthCheckResponse(payload: Uint8Array): number {
  const r = new ProtoReader(payload);
  let status: number = ServingStatus.UNKNOWN;
  for (let field = r.nextField(); field !== 0; field = r.nextField()) {
    if (field === 1) {
      r.expect(WireType.VARINT);
      status = r.int32();
    } else r.skip();
  }
  return status;
}

/** VersionCheckResponse{grpc_version = 1, agent_version = 2}. */
export function decodeVersionCheckResponse(payload: Uint8Array): VersionCheckResponse {
  const r = new ProtoReader(payload);
  const out: VersionCheckResponse = { grpcVersion: '', agentVersion: '' };
  for (let field = r.nextField(); field !== 0; field = r.nextField()) {
    if (field === 1 || field === 2) {
      r.expect(WireType.LEN);
      if (field === 1) out.grpcVersion = r.string();
      else out.agentVersion = r.string();
    } else r.skip();
  }
  return out;
}
