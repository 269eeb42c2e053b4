import { ERROR_KINDS, KatamonError, type ErrorKind } from '@katamon/core';

/** Longest message of a plugin's error or issue that katamon passes on (a plugin's text is never trusted). */
export const MAX_PLUGIN_MESSAGE = 512;

/** `text` cut to `max` characters. */
export function clip(text: string, max = MAX_PLUGIN_MESSAGE): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The message of anything thrown, read defensively: a getter or a `toString` may throw too. */
export function describeThrown(value: unknown): string {
  try {
    const message = (value as { message?: unknown } | null)?.message;
    return clip(typeof message === 'string' ? message : String(value));
  } catch {
    return 'an error that cannot be printed';
  }
}

/**
 * A kind a plugin may report: one of the closed set, except `internal` (a bug in katamon, exit 70 / HTTP 500),
 * which a plugin's own bug is not: that, and anything else, is `plugin`.
 */
export function pluginKind(kind: unknown): ErrorKind {
  return typeof kind === 'string' && kind !== 'internal' && (ERROR_KINDS as readonly string[]).includes(kind)
    ? (kind as ErrorKind)
    : 'plugin';
}

/**
 * What a plugin threw, as katamon reports it: an error with a kind from the closed set keeps its kind and
 * message (cut to size); a plain `Error` (or anything else, or kind `plugin`) is kind `plugin`, its message
 * naming `who`.
 */
export function pluginFault(who: string, error: unknown): KatamonError {
  let kind: unknown;
  let path: unknown;
  try {
    kind = (error as { kind?: unknown } | null)?.kind;
    path = (error as { path?: unknown } | null)?.path;
  } catch {
    kind = undefined;
  }
  const reported = pluginKind(kind);
  const message = describeThrown(error);
  const options = typeof path === 'string' ? { path: clip(path, 4096), cause: error } : { cause: error };
  return reported === 'plugin'
    ? new KatamonError('plugin', `${who} failed: ${message}`, options)
    : new KatamonError(reported, message, options);
}
