import { pino, type Logger as PinoLogger } from 'pino';

/** JSON lines to stderr (stdout stays free), or to a file when `--log-file` is given. */
export function createLogger(level: string, file?: string): PinoLogger {
  const destination =
    file === undefined
      ? pino.destination({ fd: 2, sync: false })
      : pino.destination({ dest: file, mkdir: true, sync: false });
  return pino({ level, base: { name: 'katamon-server' }, redact: ['req.headers.authorization'] }, destination);
}
