import {
  NOT_ON_THIS_HOST,
  type ContainerResolver,
  type HostProbe,
  type HostProbeReport,
  type PluginContext,
  type PluginManifest,
  type StatsSource,
} from '@katamon/core';
import { pluginError, type PluginFailure } from './plugin-error.js';

/** A plugin after its factories ran: what it contributes, or why it contributes nothing. */
export type PluginLoad =
  | {
      name: string;
      ok: true;
      sources: StatsSource[];
      resolvers: ContainerResolver[];
      /** Asks the plugin's factories' host probes now (the doctor's question; never asked at start-up). */
      probeHost: () => Promise<HostProbeReport[]>;
    }
  | { name: string; ok: false; failure: PluginFailure };

/** A factory's host probe, asked only by {@link PluginLoad}'s `probeHost`; one that throws or answers nonsense is reported. */
async function runProbe(
  plugin: string,
  kind: string,
  probe: HostProbe,
  ctx: PluginContext,
): Promise<HostProbeReport[]> {
  try {
    const answer: unknown = await probe(ctx);
    const reports = Array.isArray(answer) ? answer.filter(isReport) : [];
    if (reports.length === 0) throw new Error('no report');
    return reports;
  } catch (error) {
    const detail = `probe of ${plugin} ${kind} failed: ${error instanceof Error ? error.message : String(error)}`;
    return [{ engine: kind, found: false, detail, paths: [] }];
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
 * Runs every factory of one (validated) manifest; one that answers NOT_ON_THIS_HOST is left out, which is no
 * failure. Host probes are not asked here: they answer `probeHost` later. All or nothing: a plugin half created would
 * contribute a source without the resolver it was written with, so one failing factory fails the
 * plugin, and what was already created is released. Never rejects.
 */
export async function instantiatePlugin(manifest: PluginManifest, ctx: PluginContext): Promise<PluginLoad> {
  const sources: StatsSource[] = [];
  const resolvers: ContainerResolver[] = [];
  const factories = [...(manifest.sources ?? []), ...(manifest.resolvers ?? [])];
  const probeHost = async (): Promise<HostProbeReport[]> => {
    const answers = factories.map((f) => (f.probe === undefined ? [] : runProbe(manifest.name, f.kind, f.probe, ctx)));
    return (await Promise.all(answers)).flat();
  };
  try {
    for (const factory of manifest.sources ?? []) {
      const source = await create(manifest.name, factory.kind, () => factory.create(ctx));
      if (source === NOT_ON_THIS_HOST) continue;
      const problem = sourceShape(source);
      if (problem !== undefined)
        throw pluginError('KATAMON_PLUGIN_SHAPE', manifest.name, `source "${factory.kind}": ${problem}`);
      sources.push(source);
    }
    for (const factory of manifest.resolvers ?? []) {
      const resolver = await create(manifest.name, factory.kind, () => factory.create(ctx));
      if (resolver === NOT_ON_THIS_HOST) continue;
      const problem = resolverShape(resolver);
      if (problem !== undefined)
        throw pluginError('KATAMON_PLUGIN_SHAPE', manifest.name, `resolver "${factory.kind}": ${problem}`);
      resolvers.push(resolver);
    }
    return { name: manifest.name, ok: true, sources, resolvers, probeHost };
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
