import type { ContainerRef } from '../ports/container-ref.js';
import type { StatsSection } from '../model/stats.js';

/**
 * Orders source names for one section of one container; the first source (in this order) that
 * produced the section wins it whole. Sections are never mixed field by field: cpu usage from one
 * source and throttling from another would not describe the same moment.
 */
export type SectionPrecedence = (ref: ContainerRef, section: StatsSection) => readonly string[];

/** Well-known first-party source names; plugins rank after them, in load order. */
export const KATA_AGENT_SOURCE = 'kata-agent';
export const CGROUP_V2_SOURCE = 'cgroup-v2';
export const CGROUP_V1_SOURCE = 'cgroup-v1';
export const NETNS_SOURCE = 'netns';

// A Kata container's host cgroups only account the whole VM (qemu, virtiofsd, the shim), and the host
// netns only sees the sandbox's tap side; the agent inside the guest sees the container itself.
const kataFirst = [KATA_AGENT_SOURCE, CGROUP_V2_SOURCE, CGROUP_V1_SOURCE, NETNS_SOURCE] as const;
// For runc/crun the host cgroup and the container's netns are the container's own; v2 before v1
// because on a hybrid host the unified hierarchy is the one the runtime manages.
const hostFirst = [CGROUP_V2_SOURCE, CGROUP_V1_SOURCE, NETNS_SOURCE, KATA_AGENT_SOURCE] as const;

export function isKataContainer(ref: ContainerRef): boolean {
  return ref.runtime === 'kata' || ref.sandbox !== undefined;
}

/** The default precedence (see packages/core/README.md, "Merge precedence"). */
export const defaultSectionPrecedence: SectionPrecedence = (ref) => (isKataContainer(ref) ? kataFirst : hostFirst);
