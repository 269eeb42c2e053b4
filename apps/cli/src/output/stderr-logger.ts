import type { LogLevel, Logger } from '@katamon/core';
import type { LogFormat } from '../settings/global-settings.js';

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** The CLI's logger: never stdout. Adds `fatal`, the one plain line a failing command ends with. */
export interface CliLogger extends Logger {
  /** The final error: the bare message in text format (what kata/runc print), a log object in json. */
  fatal(message: string): void;
}

export interface StderrLoggerOptions {
  level: LogLevel;
  format: LogFormat;
  write: (text: string) => void;
  now?: () => Date;
}

const bare = /^[A-Za-z0-9_.\-/@^+:]+$/;

/** logrus's text formatter quotes only values that need it. */
function textValue(value: unknown): string {
  const text =
    typeof value === 'string'
      ? value
      : value instanceof Error
        ? value.message
        : (JSON.stringify(value) ?? String(value));
  return bare.test(text) ? text : JSON.stringify(text);
}

/** Lines look like runc's and kata-runtime's logrus output, so existing log scrapers keep working. */
export function createStderrLogger(options: StderrLoggerOptions): CliLogger {
  const now = options.now ?? (() => new Date());
  const line = (level: LogLevel | 'fatal', message: string, fields: Record<string, unknown> = {}): string => {
    const time = now().toISOString();
    if (options.format === 'json') {
      const entry: Record<string, unknown> = {
        level: level === 'fatal' ? 'error' : level,
        msg: message,
        time,
        ...fields,
      };
      return `${JSON.stringify(entry, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}\n`;
    }
    const extra = Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => ` ${k}=${textValue(v)}`)
      .join('');
    return `time="${time}" level=${level} msg=${JSON.stringify(message)}${extra}\n`;
  };
  const log = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (RANK[level] >= RANK[options.level]) options.write(line(level, message, fields));
  };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    fatal: (message) => options.write(options.format === 'json' ? line('fatal', message) : `${message}\n`),
  };
}
