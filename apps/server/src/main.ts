import { readFileSync } from 'node:fs';
import { errorKindOf } from '@katamon/core';
import { createHostKatamon } from '@katamon/composition';
import { buildServer } from './build-server.js';
import { parseServerArgs, SERVER_USAGE, type ServerArgs } from './config/server-args.js';
import { createLogger } from './logging/create-logger.js';
import { loggerPort } from './logging/logger-port.js';

/** `katamon-server`: builds the facade from plugins, serves it, and shuts down cleanly on SIGTERM/SIGINT. */
async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${SERVER_USAGE}\n`);
    return;
  }
  let args: ServerArgs;
  try {
    args = parseServerArgs(argv);
  } catch (error) {
    process.stderr.write(
      `katamon-server: ${error instanceof Error ? error.message : String(error)}\n${SERVER_USAGE}\n`,
    );
    process.exitCode = 2;
    return;
  }
  const log = createLogger(args.logLevel, args.logFile);
  const logger = loggerPort(log);
  // The same composition entry as the CLI: every engine found on this host, the config file's plugins, then --plugin.
  const katamon = await createHostKatamon({
    roots: args.roots,
    discover: args.discover,
    plugins: args.plugins,
    ...(args.config === undefined ? {} : { configFile: args.config }),
    logger,
  });
  const token = args.tokenFile === undefined ? undefined : readFileSync(args.tokenFile, 'utf8').trim();
  if (token === '') throw new Error(`--token-file ${args.tokenFile} is empty`);
  const server = await buildServer({
    katamon,
    logger: log,
    ...(token === undefined ? {} : { token }),
    ...(args.tlsCert && args.tlsKey
      ? { https: { cert: readFileSync(args.tlsCert), key: readFileSync(args.tlsKey) } }
      : {}),
    maxAgeMs: args.maxAgeMs,
    logRequests: args.logRequests,
    maxStreamBufferBytes: args.streamBufferBytes,
    maxStreamClients: args.maxStreams,
  });
  const address = await server.app.listen(
    args.socket === undefined ? { host: args.host, port: args.port } : { path: args.socket },
  );
  log.info(
    { address, tls: args.tlsCert !== undefined, auth: token !== undefined, plugins: katamon.health().plugins },
    'listening',
  );
  // One line on stdout so scripts and tests learn the address (port 0 picks one).
  process.stdout.write(`${JSON.stringify({ listening: address })}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    // Exit within the bound even if a peer holds a connection open.
    setTimeout(() => {
      log.warn('shutdown timed out');
      log.flush();
      process.exit(1);
    }, args.shutdownTimeoutMs).unref();
    void server
      .shutdown()
      .then(() => katamon.close())
      .then(
        () => {
          log.info('stopped');
          log.flush();
          process.exitCode = 0;
        },
        (error: unknown) => {
          log.error({ err: error }, 'shutdown failed');
          log.flush();
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `katamon-server: ${error instanceof Error ? error.message : String(error)} (${errorKindOf(error)})\n`,
  );
  process.exit(1);
});
