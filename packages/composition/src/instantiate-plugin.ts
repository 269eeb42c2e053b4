import type {
  ContainerResolver,
  HostProbe,
  HostProbeReport,
  PluginContext,
  PluginManifest,
  StatsSource,
} from '@katamon/core';
import { pluginError, type PluginFailure } from './plugin-error.js';

/** A plugin after its factories ran: what it contributes, or why it contributes nothing. */
export type PluginLoad =
  | { name: string; ok: true; sources: StatsSource[]; resolvers: ContainerResolver[]; probes: HostProbeReport[] }
  | { name: string; ok: false; failure: PluginFailure };

/**
 * A factory's host probe: its reports, and whether to create it. "Not on this host" (every report says not
 * found) skips the factory; a probe that throws or answers nonsense is reported and the factory created anyway.
 */
async function runProbe(
  plugin: string,
  kind: string,
  probe: HostProbe | undefined,
  ctx: PluginContext,
): Promise<{ create: boolean; reports: HostProbeReport[] }> {
  if (probe === undefined) return { create: true, reports: [] };
  try {
    const answer: unknown = await probe(ctx);
    const reports = Array.isArray(answer) ? answer.filter(isReport) : [];
    if (reports.length === 0) throw new Error('no report');
    return { create: reports.some((r) => r.found), reports };
  } catch (error) {
    const detail = `probe of ${plugin} ${kind} failed: ${error instanceof Error ? error.message : String(error)}`;
    return { create: true, reports: [{ engine: kind, found: false, detail, paths: [] }] };
  }
}

function isReport(value: unknown): value is HostProbeReport {
  const r = value as Partial<HostProbeReport> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.engine === 'string' &&
    typeof r.found === 'boolean' &&
    typeof r.detail === 'string' &&
    Array.isArray(r.paths)
  );
}

/**
 * Runs every factory of one (validated) manifest, after its host probe (a factory not on this host is left
 * out, which is no failure). All or nothing: a plugin half created would
 * contribute a source without the resolver it was written with, so one failing factory fails the
 * plugin, and what was already created is released. Never rejects.
 */
export async function instantiatePlugin(manifest: PluginManifest, ctx: PluginContext): Promise<PluginLoad> {
  const sources: StatsSource[] = [];
  const resolvers: ContainerResolver[] = [];
  const probes: HostProbeReport[] = [];
  try {
    for (const factory of manifest.sources ?? []) {
      const probed = await runProbe(manifest.name, factory.kind, factory.probe, ctx);
      probes.push(...probed.reports);
      if (!probed.create) continue;
      const source = await create(manifest.name, factory.kind, () => factory.create(ctx));
      const problem = sourceShape(source);
      if (problem !== undefined)
        throw pluginError('KATAMON_PLUGIN_SHAPE', manifest.name, `source "${factory.kind}": ${problem}`);
      sources.push(source);
    }
    for (const factory of manifest.resolvers ?? []) {
      const probed = await runProbe(manifest.name, factory.kind, factory.probe, ctx);
      probes.push(...probed.reports);
      if (!probed.create) continue;
      const resolver = await create(manifest.name, factory.kind, () => factory.create(ctx));
      const problem = resolverShape(resolver);
      if (problem !== undefined)
        throw pluginError('KATAMON_PLUGIN_SHAPE', manifest.name, `resolver "${factory.kind}": ${problem}`);
      resolvers.push(resolver);
    }
    return { name: manifest.name, ok: true, sources, resolvers, probes };
  } catch (error) {
    await Promise.allSettled(sources.map(async (s) => s.release?.()));
    const reported = isPluginError(error)
      ? error
      : pluginError('KATAMON_PLUGIN_CREATE', manifest.name, String(error), error);
    return { name: manifest.name, ok: false, failure: { name: manifest.name, error: reported } };
  }
}

async function create<T>(plugin: string, kind: string, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw pluginError('KATAMON_PLUGIN_CREATE', plugin, `factory "${kind}" failed: ${message}`, error);
  }
}

function isPluginError(error: unknown): error is PluginFailure['error'] {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    (error as { kind?: unknown }).kind === 'plugin'
  );
}

function sourceShape(value: unknown): string | undefined {
  const s = value as Partial<StatsSource> | null;
  if (typeof s !== 'object' || s === null) return 'create() did not return an object';
  if (typeof s.name !== 'string' || s.name === '') return '`name` must be a non-empty string';
  if (typeof s.probe !== 'function') return '`probe` must be a function';
  if (typeof s.collect !== 'function') return '`collect` must be a function';
  if (s.collectSync !== undefined && typeof s.collectSync !== 'function') return '`collectSync` must be a function';
  if (s.watchOom !== undefined && typeof s.watchOom !== 'function') return '`watchOom` must be a function';
  if (s.release !== undefined && typeof s.release !== 'function') return '`release` must be a function';
  return undefined;
}

function resolverShape(value: unknown): string | undefined {
  const r = value as Partial<ContainerResolver> | null;
  if (typeof r !== 'object' || r === null) return 'create() did not return an object';
  if (typeof r.name !== 'string' || r.name === '') return '`name` must be a non-empty string';
  for (const method of ['match', 'list', 'refresh'] as const)
    if (typeof r[method] !== 'function') return `\`${method}\` must be a function`;
  return undefined;
}
