import { zeroTcp, zeroUdp, type InterfaceStats, type NetworkOrigin, type NetworkStats } from '@katamon/core';
import type { AgentNetworkStats } from '../agent/stats-container-response.js';

/** The network section from guest interfaces; the agent reports no socket states, so those stay zero. */
export function guestNetwork(interfaces: InterfaceStats[], origin: NetworkOrigin): NetworkStats {
  return { interfaces, tcp: zeroTcp(), tcp6: zeroTcp(), udp: zeroUdp(), udp6: zeroUdp(), origin };
}

/** StatsContainer's `network_stats` (filled by Kata 1.x agents only), guest view, no rx/tx swap. */
export function agentInterfaces(list: readonly AgentNetworkStats[]): InterfaceStats[] {
  return list.map((n) => ({
    name: n.name,
    rxBytes: n.rxBytes,
    rxPackets: n.rxPackets,
    rxErrors: n.rxErrors,
    rxDropped: n.rxDropped,
    txBytes: n.txBytes,
    txPackets: n.txPackets,
    txErrors: n.txErrors,
    txDropped: n.txDropped,
  }));
}
