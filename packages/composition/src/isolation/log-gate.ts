import type { Logger } from '@katamon/core';
import { clip } from './plugin-fault.js';

/** Lines a plugin may log (or print) per second; the rest are counted and reported once. */
const LINES_PER_SECOND = 50;
const LEVELS = new Set(['debug', 'info', 'warn', 'error']);

export interface LogGate {
  /** A line the plugin logged through `ctx.logger`. */
  log(level: unknown, message: unknown, fields: unknown): void;
  /** Text the plugin wrote to stdout/stderr: logged as warnings, line by line (stdout carries only katamon's output). */
  output(stream: 'stdout' | 'stderr', text: string): void;
}

/**
 * Passes an isolated plugin's log lines to the host's logger, attributed to the plugin, cut to size, with
 * only primitive fields, and at most {@link LINES_PER_SECOND} a second: a chatty or hostile plugin cannot
 * flood the log.
 */
export function createLogGate(logger: () => Logger, plugin: () => string): LogGate {
  let windowStart = 0;
  let lines = 0;
  let dropped = 0;
  let partial = { stdout: '', stderr: '' };
  const admit = (): boolean => {
    const now = Date.now();
    if (now - windowStart >= 1000) {
      if (dropped > 0) logger().warn('plugin log lines dropped', { plugin: plugin(), dropped });
      windowStart = now;
      lines = 0;
      dropped = 0;
    }
    if (lines++ < LINES_PER_SECOND) return true;
    dropped++;
    return false;
  };
  return {
    log(level, message, fields) {
      if (!admit()) return;
      const at = (typeof level === 'string' && LEVELS.has(level) ? level : 'info') as keyof Logger;
      logger()[at](typeof message === 'string' ? clip(message, 1024) : 'plugin log line', {
        ...primitives(fields),
        plugin: plugin(),
      });
    },
    output(stream, text) {
      const parts = (partial[stream] + text).split('\n');
      partial = { ...partial, [stream]: clip(parts.pop() ?? '', 1024) };
      for (const line of parts)
        if (line !== '' && admit())
          logger().warn(`plugin wrote to ${stream}`, { plugin: plugin(), line: clip(line, 1024) });
    },
  };
}

function primitives(fields: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof fields !== 'object' || fields === null) return out;
  for (const key of Object.keys(fields).slice(0, 16)) {
    if (key === 'plugin' || key === '__proto__') continue;
    const value = (fields as Record<string, unknown>)[key];
    if (typeof value === 'number' || typeof value === 'boolean') out[clip(key, 64)] = value;
    else if (typeof value === 'string') out[clip(key, 64)] = clip(value, 1024);
  }
  return out;
}
