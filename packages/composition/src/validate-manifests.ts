import { CORE_VERSION, type PluginManifest } from '@katamon/core';
import { apiVersionProblem, coreRangeProblem } from './plugin-compatibility.js';
import { pluginError, type PluginFailure } from './plugin-error.js';

export interface ManifestValidation {
  /** Valid manifests, each after the plugins it requires (otherwise in the order given). */
  accepted: PluginManifest[];
  rejected: PluginFailure[];
}

/**
 * Checks every candidate on its own (shape, apiVersion, core range), then across them (duplicate
 * names: the first wins; `requires`: a plugin whose requirement is missing or rejected is rejected
 * too). Nothing throws: one broken plugin never takes down the others.
 */
export function validateManifests(
  candidates: readonly unknown[],
  coreVersion: string = CORE_VERSION,
): ManifestValidation {
  const rejected: PluginFailure[] = [];
  const valid = new Map<string, PluginManifest>();
  for (const [index, candidate] of candidates.entries()) {
    const name = nameOf(candidate, index);
    const problem = checkOne(candidate, name, coreVersion);
    if (problem !== undefined) rejected.push({ name, error: problem });
    else if (valid.has(name)) {
      rejected.push({
        name,
        error: pluginError('KATAMON_PLUGIN_DUPLICATE', name, 'a plugin of this name is already loaded'),
      });
    } else valid.set(name, candidate as PluginManifest);
  }

  // Accept in dependency order; whatever is left when nothing more can be accepted has a missing,
  // rejected or circular requirement.
  const accepted: PluginManifest[] = [];
  const done = new Set<string>();
  for (let progress = true; progress; ) {
    progress = false;
    for (const manifest of valid.values()) {
      if (done.has(manifest.name) || !(manifest.requires ?? []).every((r) => done.has(r))) continue;
      accepted.push(manifest);
      done.add(manifest.name);
      progress = true;
    }
  }
  for (const manifest of valid.values()) {
    if (done.has(manifest.name)) continue;
    const missing = (manifest.requires ?? []).filter((r) => !done.has(r));
    const why = missing.map((r) => (valid.has(r) ? `"${r}" (circular or not loadable)` : `"${r}" (not loaded)`));
    rejected.push({
      name: manifest.name,
      error: pluginError('KATAMON_PLUGIN_REQUIRES', manifest.name, `requires ${why.join(', ')}`),
    });
  }
  return { accepted, rejected };
}

function nameOf(candidate: unknown, index: number): string {
  const name = (candidate as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name !== '' ? name : `#${index}`;
}

function checkOne(candidate: unknown, name: string, coreVersion: string) {
  const shape = checkShape(candidate);
  if (shape !== undefined) return pluginError('KATAMON_PLUGIN_SHAPE', name, shape);
  const m = candidate as PluginManifest;
  const api = apiVersionProblem(name, m.apiVersion, coreVersion);
  if (api !== undefined) return pluginError('KATAMON_PLUGIN_API_VERSION', name, api);
  const range = coreRangeProblem(name, m.coreRange, coreVersion);
  if (range !== undefined) return pluginError('KATAMON_PLUGIN_CORE_RANGE', name, range);
  return undefined;
}

function checkShape(candidate: unknown): string | undefined {
  if (typeof candidate !== 'object' || candidate === null) return 'the manifest is not an object';
  const m = candidate as Record<string, unknown>;
  if (typeof m['name'] !== 'string' || m['name'] === '') return '`name` must be a non-empty string';
  if (typeof m['apiVersion'] !== 'string') return '`apiVersion` must be a string';
  if (typeof m['coreRange'] !== 'string') return '`coreRange` must be a string';
  const requires = m['requires'];
  if (requires !== undefined && !(Array.isArray(requires) && requires.every((r) => typeof r === 'string'))) {
    return '`requires` must be an array of plugin names';
  }
  for (const key of ['sources', 'resolvers'] as const) {
    const factories = m[key];
    if (factories === undefined) continue;
    if (!Array.isArray(factories)) return `\`${key}\` must be an array`;
    const kinds = new Set<string>();
    for (const [i, f] of factories.entries()) {
      const factory = f as { kind?: unknown; create?: unknown; probe?: unknown } | null;
      if (typeof factory?.kind !== 'string' || factory.kind === '')
        return `${key}[${i}].kind must be a non-empty string`;
      if (typeof factory.create !== 'function') return `${key}[${i}].create must be a function`;
      if (factory.probe !== undefined && typeof factory.probe !== 'function')
        return `${key}[${i}].probe must be a function`;
      if (kinds.has(factory.kind)) return `${key} has two factories of kind "${factory.kind}"`;
      kinds.add(factory.kind);
    }
  }
  const count =
    ((m['sources'] as unknown[] | undefined)?.length ?? 0) + ((m['resolvers'] as unknown[] | undefined)?.length ?? 0);
  if (count === 0) return 'the manifest declares no sources and no resolvers';
  return undefined;
}
