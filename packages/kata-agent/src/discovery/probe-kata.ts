import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { HostProbeReport, PluginContext, ProbedPath } from '@katamon/core';
import { DEFAULT_KATA_ROOT, DEFAULT_KATA_SHIM_ROOT } from './kata-resolver.js';

function probed(role: string, path: string): ProbedPath {
  try {
    return { role, path, found: statSync(path).isDirectory() };
  } catch {
    return { role, path, found: false };
  }
}

const list = (value: string | undefined, fallback: string): string[] =>
  (value ?? fallback).split(':').filter((p) => p !== '');

/**
 * Kata is on this host when the Go runtime's sandbox store (`<kata>/sbs`) or runtime-rs's shim directory
 * exists, or the user named one of them. With `ctx.discover` not allowing `kata`, only given roots count.
 */
export function probeKata(ctx: PluginContext): HostProbeReport[] {
  const given = ['kata', 'kataShim'].some((role) => ctx.givenRoots?.includes(role) === true);
  const allowed = ctx.discover === undefined || ctx.discover === 'all' || ctx.discover.includes('kata');
  if (!given && !allowed) return [{ engine: 'kata', found: false, detail: 'not discovered (--discover)', paths: [] }];
  const paths = [
    ...list(ctx.roots['kata'], '/run/vc').map((r) => probed('sandbox store (Go runtime)', join(r, 'sbs'))),
    ...list(ctx.roots['kataShim'], DEFAULT_KATA_SHIM_ROOT).map((r) => probed('shim sockets (runtime-rs)', r)),
  ];
  const found = given || paths.some((p) => p.found);
  const detail = given
    ? `Kata roots given: ${paths.map((p) => p.path).join(', ')}`
    : found
      ? `sandboxes under ${paths
          .filter((p) => p.found)
          .map((p) => p.path)
          .join(', ')}`
      : `no ${DEFAULT_KATA_ROOT} or ${DEFAULT_KATA_SHIM_ROOT} (no Kata sandbox on this host)`;
  return [{ engine: 'kata', found, detail, paths }];
}
