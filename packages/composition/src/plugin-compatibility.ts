// semver's single functions, not its index: that requires every module of the package. The CLI bundle
// requires them at their first call (apps/cli/scripts/bundle.mjs), which caretSatisfies mostly spares.
import lt from 'semver/functions/lt.js';
import satisfies from 'semver/functions/satisfies.js';
import minVersion from 'semver/ranges/min-version.js';
import validRange from 'semver/ranges/valid.js';
import { PLUGIN_API_VERSION } from '@katamon/core';

// Every message below is one line that says what the user can do: these are what `katamon` logs and
// `/readyz` reports for a plugin built for another katamon (the policy is in packages/core/README.md).

const API_VERSION = /^katamon\.plugin\/v([1-9]\d{0,5})$/;

/**
 * What is wrong with a manifest's `apiVersion` for this core (whose own is `current`), or undefined when it is
 * the one core speaks.
 */
export function apiVersionProblem(
  plugin: string,
  apiVersion: unknown,
  coreVersion: string,
  current: string = PLUGIN_API_VERSION,
): string | undefined {
  if (apiVersion === current) return undefined;
  const theirs = API_VERSION.exec(String(apiVersion));
  const ours = Number(API_VERSION.exec(current)?.[1]);
  const quoted = JSON.stringify(String(apiVersion).slice(0, 64));
  if (theirs === null) {
    return `apiVersion ${quoted} is not a katamon plugin API: set it to PLUGIN_API_VERSION from @katamon/core ("${current}")`;
  }
  if (Number(theirs[1]) < ours) {
    return `apiVersion ${quoted} is older than this katamon's "${current}": install a version of ${plugin} built for @katamon/core ^${coreVersion}`;
  }
  return `apiVersion ${quoted} is newer than this katamon's "${current}": upgrade katamon, or install an older version of ${plugin}`;
}

/** What is wrong with a manifest's `coreRange` for this core version, or undefined when the version is in it. */
export function coreRangeProblem(plugin: string, coreRange: string, coreVersion: string): string | undefined {
  const simple = caretSatisfies(coreVersion, coreRange);
  if (simple === true) return undefined;
  if (simple === undefined && validRange(coreRange) === null) {
    return `coreRange ${JSON.stringify(coreRange.slice(0, 64))} is not a semver range: set it to the @katamon/core range the plugin was built for, e.g. "^${coreVersion}"`;
  }
  if (simple === undefined && satisfies(coreVersion, coreRange)) return undefined;
  const lowest = minVersion(coreRange);
  if (lowest !== null && lt(coreVersion, lowest)) {
    return `needs @katamon/core ${coreRange}, but this katamon has core ${coreVersion}: upgrade katamon, or install a version of ${plugin} whose coreRange includes ${coreVersion}`;
  }
  return `supports @katamon/core ${coreRange}, but this katamon has core ${coreVersion}: install a version of ${plugin} built for @katamon/core ^${coreVersion}`;
}

const PLAIN_VERSION = /^(0|[1-9]\d{0,14})\.(0|[1-9]\d{0,14})\.(0|[1-9]\d{0,14})$/;

/**
 * semver's `satisfies(version, range)` for the form every first-party manifest uses, `^MAJOR.MINOR.PATCH`,
 * against a plain version (no prerelease, no build): `^1.2.3` is `>=1.2.3 <2.0.0`, `^0.2.3` is
 * `>=0.2.3 <0.3.0`, `^0.0.3` is `>=0.0.3 <0.0.4`. Undefined for anything else (semver decides).
 */
export function caretSatisfies(version: string, range: string): boolean | undefined {
  const want = range.startsWith('^') ? PLAIN_VERSION.exec(range.slice(1)) : null;
  const have = PLAIN_VERSION.exec(version);
  if (want === null || have === null) return undefined;
  const [w0, w1, w2] = [Number(want[1]), Number(want[2]), Number(want[3])];
  const [h0, h1, h2] = [Number(have[1]), Number(have[2]), Number(have[3])];
  // Components left of and including the first non-zero one of the range must be equal.
  if (w0 > 0) return h0 === w0 && (h1 > w1 || (h1 === w1 && h2 >= w2));
  if (w1 > 0) return h0 === 0 && h1 === w1 && h2 >= w2;
  return h0 === 0 && h1 === 0 && h2 === w2;
}
