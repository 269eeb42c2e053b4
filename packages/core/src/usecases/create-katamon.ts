import type { ContainerRef } from '../ports/container-ref.js';
import type { ContainerResolver } from '../ports/container-resolver.js';
import type { Logger } from '../ports/logger.js';
import type { Scheduler } from '../ports/scheduler.js';
import type { StatsSource } from '../ports/stats-source.js';
import type { SectionPrecedence } from '../merge/section-precedence.js';
import type { Katamon, KatamonHealth } from './katamon.js';
import type { HostProbeReport } from '../plugin/host-probe.js';
import { resolveContainer } from './resolve-container.js';
import { listContainers } from './list-containers.js';
import { sampleContainer, sampleContainerNow } from './sample-container.js';
import { createSamplerHub } from './sampler-hub.js';
import { acceptRef } from './accept-ref.js';

export interface CreateKatamonOptions {
  resolvers: readonly ContainerResolver[];
  sources: readonly StatsSource[];
  scheduler: Scheduler;
  logger: Logger;
  /** Per-source deadline of one collect (default {@link DEFAULT_SOURCE_DEADLINE_MS}). */
  sourceDeadlineMs?: number;
  /** Unread items a stream subscriber may hold before the oldest are dropped. */
  queueLength?: number;
  precedence?: SectionPrecedence;
  /** Plugin load report from the composition root; `sources`/`resolvers` are filled in here. */
  health?: () => Pick<KatamonHealth, 'plugins'>;
  /** The composition root's host probes (see {@link Katamon.probeHost}). */
  probeHost?: () => Promise<HostProbeReport[]>;
}

/** The application facade over the use cases; the composition root builds it from plugins. */
export function createKatamon(options: CreateKatamonOptions): Katamon {
  const { resolvers, sources, scheduler, logger } = options;
  const sampleDeps = {
    sources,
    scheduler,
    ...(options.sourceDeadlineMs === undefined ? {} : { deadlineMs: options.sourceDeadlineMs }),
    ...(options.precedence === undefined ? {} : { precedence: options.precedence }),
  };
  const handles = (ref: ContainerRef) =>
    sources.filter((s) => {
      try {
        return s.probe(ref) === 'handle';
      } catch {
        return false; // reported as an issue by every sample
      }
    });
  const release = async (ref?: ContainerRef): Promise<void> => {
    const targets = ref === undefined ? sources : handles(ref);
    await Promise.all(
      targets.map(async (s) => {
        try {
          await s.release?.(ref);
        } catch (error) {
          logger.warn('source release failed', { source: s.name, error: String(error) });
        }
      }),
    );
  };

  const hub = createSamplerHub({
    scheduler,
    logger,
    ...(options.queueLength === undefined ? {} : { queueLength: options.queueLength }),
    sample: (ref, signal) => sampleContainerNow(sampleDeps, ref, signal),
    refresh: async (ref) => {
      const resolver = resolvers.find((r) => r.name === ref.resolver);
      if (resolver === undefined) return ref;
      const fresh = await resolver.refresh(ref);
      return fresh === undefined ? undefined : acceptRef(fresh);
    },
    oomWatchers: (ref) => handles(ref).filter((s) => typeof s.watchOom === 'function'),
    onSamplerStopped: (ref) => {
      // Another interval may still sample this container; its descriptors stay open then.
      if (!hub.has(ref)) void release(ref);
    },
  });

  return {
    resolve: (query) => resolveContainer(resolvers, query, logger),
    list: () => listContainers(resolvers, logger),
    sample: (ref, signal, scope) => sampleContainer(sampleDeps, ref, signal, scope),
    stream: (ref, streamOptions) => hub.subscribe(ref, streamOptions),
    watch: (ref, streamOptions, onItem) => hub.watch(ref, streamOptions, onItem),
    health: () => ({
      plugins: options.health?.().plugins ?? [],
      sources: sources.map((s) => s.name),
      resolvers: resolvers.map((r) => r.name),
    }),
    probeHost: async () => (options.probeHost === undefined ? [] : options.probeHost()),
    close: async () => {
      hub.stopAll();
      await release();
    },
  };
}
