import { silentLogger, type ContainerRef, type PluginContext } from '@katamon/core';

/**
 * What a plugin factory gets, for tests of a plugin's own manifest: the given config, a silent logger, no
 * root overrides, and a scheduler on real timers (a source's OOM polling runs for real).
 */
export function testPluginContext(config: Readonly<Record<string, unknown>> = {}): PluginContext {
  return {
    config,
    logger: silentLogger,
    roots: {},
    scheduler: {
      now: () => 0,
      setTimer: (ms, fn) => {
        const timer = setTimeout(fn, ms);
        return () => clearTimeout(timer);
      },
    },
  };
}

/** {@link testPluginContext} with these roots and host settings (`givenRoots`, `discover`): for engine probes. */
export function testHostContext(
  roots: Readonly<Record<string, string>>,
  host: Pick<PluginContext, 'givenRoots' | 'discover'> = {},
): PluginContext {
  return { ...testPluginContext(), roots, ...host };
}

/** A running container `c1` with these cgroup paths (none when undefined), for probing sources. */
export function testContainerRef(cgroup?: ContainerRef['cgroup']): ContainerRef {
  return { id: 'c1', runtime: 'runc', resolver: 'test', status: 'running', ...(cgroup ? { cgroup } : {}) };
}
