import type { ContainerRef, SampleIssue, SourceResult, StatsSource } from '@katamon/core';
import { AgentClient } from './agent/agent-client.js';
import { GrpcCode, KataAgentError } from './errors/kata-agent-error.js';
import { GUEST_NETDEV_METRIC, guestInterfaces, selectFamily } from './metrics/guest-netdev.js';
import { parsePrometheusText } from './metrics/prometheus-text.js';
import { agentInterfaces, guestNetwork } from './stats/agent-network.js';
import { cgroupStatsToModel } from './stats/cgroup-stats-to-model.js';
import { AgentConnection, type AgentConnectionOptions } from './transport/agent-connection.js';

export const KATA_AGENT_SOURCE = 'kata-agent';

export interface KataAgentSourceOptions {
  connection?: AgentConnectionOptions;
  /** Deadline of one agent call (ms), also sent to the agent. A little above core's per-source deadline (2 s),
   * which normally fires first and aborts the call. */
  callTimeoutMs?: number;
  /** Ask GetMetrics for guest interfaces when StatsContainer has none (default true). */
  guestNetwork?: boolean;
}

interface Pooled {
  connection: AgentConnection;
  client: AgentClient;
  users: Set<string>;
}

/**
 * Stats of a container inside a Kata VM, from its agent: cgroups from StatsContainer, interfaces from
 * StatsContainer's network_stats (Kata 1.x) or else the guest's `kata_guest_netdev_stat` series.
 * One long-lived connection per agent, shared by the sandbox's containers.
 */
export function createKataAgentSource(options: KataAgentSourceOptions = {}): StatsSource {
  const pool = new Map<string, Pooled>();
  const callTimeoutMs = options.callTimeoutMs ?? 5_000;
  const wantNetwork = options.guestNetwork ?? true;

  const pooled = (url: string): Pooled => {
    let p = pool.get(url);
    if (p === undefined) {
      const connection = new AgentConnection(url, options.connection);
      p = { connection, client: new AgentClient(connection), users: new Set() };
      pool.set(url, p);
    }
    return p;
  };

  return {
    name: KATA_AGENT_SOURCE,
    probe: (ref) => (ref.sandbox?.agentUrl === undefined ? 'skip' : 'handle'),
    async collect(ref: ContainerRef, signal?: AbortSignal): Promise<SourceResult> {
      const url = ref.sandbox?.agentUrl;
      if (url === undefined) throw new KataAgentError('unsupported', `${ref.id} has no kata agent URL`);
      const p = pooled(url);
      p.users.add(ref.id);
      const call = { timeoutMs: callTimeoutMs, ...(signal === undefined ? {} : { signal }) };
      const metrics = wantNetwork ? p.client.getMetrics(call) : undefined;
      metrics?.catch(() => undefined); // settled below; never an unhandled rejection
      let response;
      try {
        response = await p.client.statsContainer(ref.id, call);
      } catch (err) {
        throw containerError(err, ref.id, url);
      }
      const stats = response.cgroupStats === undefined ? {} : cgroupStatsToModel(response.cgroupStats);
      const issues: SampleIssue[] = [];
      if (response.networkStats.length > 0)
        stats.network = guestNetwork(agentInterfaces(response.networkStats), 'agent');
      else if (metrics !== undefined) {
        try {
          stats.network = guestNetwork(
            guestInterfaces(parsePrometheusText(selectFamily(await metrics, GUEST_NETDEV_METRIC)).samples),
            'agent-metrics',
          );
        } catch (err) {
          // e.g. PERMISSION_DENIED from CoCo policies that deny GetMetrics: cgroup data still stands.
          const e = KataAgentError.is(err) ? err : new KataAgentError('parse', String(err));
          issues.push({ source: KATA_AGENT_SOURCE, kind: e.kind, message: `GetMetrics: ${e.message}`, path: url });
        }
      }
      return issues.length > 0 ? { stats, issues } : { stats };
    },
    release(ref?: ContainerRef): void {
      for (const [url, p] of pool) {
        if (ref !== undefined) {
          if (ref.sandbox?.agentUrl !== url) continue;
          p.users.delete(ref.id);
          if (p.users.size > 0) continue;
        }
        p.connection.close();
        pool.delete(url);
      }
    },
  };
}

/** The agent's answer for a container it does not know is INVALID_ARGUMENT `"invalid container id"`: gone. */
function containerError(err: unknown, id: string, url: string): KataAgentError {
  if (!KataAgentError.is(err)) return new KataAgentError('internal', String(err), { cause: err, path: url });
  if (err.grpcCode === GrpcCode.INVALID_ARGUMENT && err.message.includes('invalid container id')) {
    return new KataAgentError('gone', `container ${id} is not in the sandbox: ${err.message}`, {
      cause: err,
      grpcCode: err.grpcCode,
      path: url,
    });
  }
  return err;
}
