import type { FastifyBaseLogger } from 'fastify';
import type { Logger } from '@katamon/core';

/** The core Logger port over pino: fields first, message second, as pino expects. */
export function loggerPort(log: FastifyBaseLogger): Logger {
  return {
    debug: (message, fields) => log.debug(fields ?? {}, message),
    info: (message, fields) => log.info(fields ?? {}, message),
    warn: (message, fields) => log.warn(fields ?? {}, message),
    error: (message, fields) => log.error(fields ?? {}, message),
  };
}
