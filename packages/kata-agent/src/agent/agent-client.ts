import type { CallOptions } from '../ttrpc/ttrpc-client.js';
import {
  AGENT_SERVICE,
  HEALTH_SERVICE,
  decodeHealthCheckResponse,
  decodeMetrics,
  decodeVersionCheckResponse,
  encodeCheckRequest,
  encodeStatsContainerRequest,
  type VersionCheckResponse,
} from './agent-messages.js';
import { decodeStatsContainerResponse, type StatsContainerResponse } from './stats-container-response.js';

/** Anything that performs a unary ttrpc call: a {@link TtrpcClient} or an {@link AgentConnection}. */
export interface TtrpcCaller {
  call(service: string, method: string, payload: Uint8Array, options?: CallOptions): Promise<Uint8Array>;
}

const EMPTY = new Uint8Array(0);

/** The monitoring subset of the Kata agent API (kata-agent-protocol §2). Replies are decoded defensively. */
export class AgentClient {
  constructor(private readonly caller: TtrpcCaller) {}

  async statsContainer(containerId: string, options?: CallOptions): Promise<StatsContainerResponse> {
    const payload = await this.caller.call(
      AGENT_SERVICE,
      'StatsContainer',
      encodeStatsContainerRequest(containerId),
      options,
    );
    return decodeStatsContainerResponse(payload);
  }

  /** The guest's Prometheus text (`kata_agent_*`, `kata_guest_*`). */
  async getMetrics(options?: CallOptions): Promise<string> {
    return decodeMetrics(await this.caller.call(AGENT_SERVICE, 'GetMetrics', EMPTY, options));
  }

  /** Health status: 1 = SERVING. */
  async check(options?: CallOptions): Promise<number> {
    return decodeHealthCheckResponse(await this.caller.call(HEALTH_SERVICE, 'Check', encodeCheckRequest(), options));
  }

  async version(options?: CallOptions): Promise<VersionCheckResponse> {
    return decodeVersionCheckResponse(await this.caller.call(HEALTH_SERVICE, 'Version', encodeCheckRequest(), options));
  }
}
