import type { PluginContext } from '@katamon/core';

/** A host path role's value for one engine: the user's (given), the default (when discovery allows), or none. */
export interface RoleValue {
  paths: string[];
  given: boolean;
}

/** Whether discovery may look at an engine's default paths (`ctx.discover`: absent or `all` = every engine). */
export function discovers(ctx: PluginContext, engine: string): boolean {
  const discover = ctx.discover;
  return discover === undefined || discover === 'all' || discover.includes(engine);
}

/**
 * The paths of a role (`:`-separated in `ctx.roots`): the user's when they gave the role, else its default
 * when `engine` may be discovered, else undefined (the engine is left alone).
 */
export function roleValue(ctx: PluginContext, role: string, engine: string, fallback: string): RoleValue | undefined {
  const given = ctx.givenRoots?.includes(role) === true;
  if (!given && !discovers(ctx, engine)) return undefined;
  const value = ctx.roots[role] ?? fallback;
  const paths = value
    .split(':')
    .filter((p) => p !== '')
    .map((p) => p.replace(/\/+$/, '') || '/');
  return { paths, given };
}

/** One path of a role (the first), for roles that name a single directory. */
export function rolePath(ctx: PluginContext, role: string, engine: string, fallback: string): RoleValue | undefined {
  const value = roleValue(ctx, role, engine, fallback);
  return value === undefined ? undefined : { paths: value.paths.slice(0, 1), given: value.given };
}
