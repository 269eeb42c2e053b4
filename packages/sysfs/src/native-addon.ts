import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Logger } from '@katamon/core';

/**
 * The URL of the bundled program file (`dist/katamon/katamon.cjs`, `katamon-server.mjs`), which the build
 * defines (tools/build/scripts/bundle-options.mjs); undefined when running from the sources. A build keeps its
 * addons in `native/` beside itself.
 */
declare const KATAMON_PROGRAM_URL: string | undefined;

/** One N-API addon of katamon's (`tools/build/scripts/native-addons.mjs` builds them all). */
export interface NativeAddonSpec<T> {
  /** `<name>.node`, as node-gyp and the build name the file. */
  name: string;
  /** node-gyp's output in the package, for runs from the sources (tests, tools). */
  sourceBuild: () => URL;
  /** Whether the loaded exports are this addon (an older build is refused). */
  accepts(exports: Partial<T>): exports is T;
  /** What katamon does instead, for the one line logged when the addon does not load. */
  fallback: string;
}

/** Where the build or the sources keep the addon's binary. */
export function nativeAddonFile(spec: Pick<NativeAddonSpec<unknown>, 'name' | 'sourceBuild'>): string {
  return typeof KATAMON_PROGRAM_URL === 'string'
    ? fileURLToPath(new URL(`native/${spec.name}.node`, KATAMON_PROGRAM_URL))
    : fileURLToPath(spec.sourceBuild());
}

/** Until the composition root hands over the app's logger: stderr, so a failed load is never silent. */
let logger: Pick<Logger, 'warn'> = {
  warn: (message, fields) => process.stderr.write(`katamon: ${message} ${JSON.stringify(fields)}\n`),
};

/** Where the one line about an addon that did not load goes (the composition root sets the app's logger). */
export function reportNativeAddonsTo(to: Pick<Logger, 'warn'>): void {
  logger = to;
}

const loaded = new Map<string, unknown>();

/**
 * The addon, loaded once per process, or undefined: `KATAMON_NATIVE=0` (quietly), or it did not load (not
 * built, another platform, an older build), which is logged once with the fallback katamon runs instead.
 */
export function loadNativeAddon<T>(spec: NativeAddonSpec<T>, env: NodeJS.ProcessEnv = process.env): T | undefined {
  if (env['KATAMON_NATIVE'] === '0') return undefined;
  if (loaded.has(spec.name)) return loaded.get(spec.name) as T | undefined;
  const file = nativeAddonFile(spec);
  let addon: T | undefined;
  let problem: string | undefined;
  if (!existsSync(file)) problem = 'not built';
  else {
    try {
      // process.dlopen: what require() of a .node file does, without a module loader to import.
      const module = { exports: {} as Partial<T> };
      process.dlopen(module, file);
      if (spec.accepts(module.exports)) addon = module.exports;
      else problem = 'an older build, without the functions this katamon calls';
    } catch (error) {
      problem = error instanceof Error ? error.message.split('\n', 1)[0] : String(error);
    }
  }
  loaded.set(spec.name, addon);
  if (problem !== undefined)
    logger.warn(`native addon ${spec.name} not loaded: ${spec.fallback}`, { addon: file, reason: problem });
  return addon;
}
