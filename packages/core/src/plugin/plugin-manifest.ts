import type { ContainerResolver } from '../ports/container-resolver.js';
import type { StatsSource } from '../ports/stats-source.js';
import type { Logger } from '../ports/logger.js';
import type { Scheduler } from '../ports/scheduler.js';
import type { HostProbe } from './host-probe.js';

/** The manifest shape version; bumped only when the manifest itself changes incompatibly. */
export const PLUGIN_API_VERSION = 'katamon.plugin/v1';
export type PluginApiVersion = typeof PLUGIN_API_VERSION;

/** What a plugin's factories receive: only what a plugin needs. */
export interface PluginContext {
  /** The plugin's own settings (from the app's config), untyped by design. */
  config: Readonly<Record<string, unknown>>;
  logger: Logger;
  scheduler: Scheduler;
  /** Host filesystem roots by role (state dirs, cgroup root): the user's, else the defaults. */
  roots: Readonly<Record<string, string>>;
  /** Roles of {@link roots} the user set (flags, environment, config); the others hold defaults. */
  givenRoots?: readonly string[];
  /**
   * Engines whose default host paths may be looked at: `all` (the default) or a list (empty: only what the user
   * gave). An engine whose root the user gave is always looked at.
   */
  discover?: 'all' | readonly string[];
}

/** What a factory's `create` returns to say "not on this host": nothing is created, and that is no failure. */
export const NOT_ON_THIS_HOST: unique symbol = Symbol.for('@katamon/core/not-on-this-host');

export interface SourceFactory {
  /** Short kind name, unique within the plugin (`cgroup-v1`, `netns`, …). */
  kind: string;
  /** What is on this host, for `katamon doctor`; asked only then, never at start-up. */
  probe?: HostProbe;
  /** The source, or {@link NOT_ON_THIS_HOST} when what it reads is absent here. */
  create(ctx: PluginContext): StatsSource | typeof NOT_ON_THIS_HOST | Promise<StatsSource | typeof NOT_ON_THIS_HOST>;
}

export interface ResolverFactory {
  kind: string;
  /** What is on this host, for `katamon doctor`; asked only then, never at start-up. */
  probe?: HostProbe;
  /** The resolver, or {@link NOT_ON_THIS_HOST} when the engine is absent here. */
  create(
    ctx: PluginContext,
  ): ContainerResolver | typeof NOT_ON_THIS_HOST | Promise<ContainerResolver | typeof NOT_ON_THIS_HOST>;
}

/** A plugin: a plain object, no side effects on import. First-party adapters use the same shape. */
export interface PluginManifest {
  /** npm name; also the dedupe key. */
  name: string;
  apiVersion: PluginApiVersion;
  /** Semver range of `@katamon/core` the plugin supports, e.g. `^0.1.0`. */
  coreRange: string;
  /** Plugins (by name) that must be loaded first. */
  requires?: readonly string[];
  sources?: readonly SourceFactory[];
  resolvers?: readonly ResolverFactory[];
}
