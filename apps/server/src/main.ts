import { errorKindOf } from '@katamon/core';
import { createHostKatamon, readConfigFile } from '@katamon/composition';
import { buildServer } from './build-server.js';
import { readStartFiles, type StartFiles } from './config/read-start-files.js';
import { configPath, parseServerFlags, resolveServerArgs, type ServerArgs } from './config/server-args.js';
import { serverUsage } from './config/server-usage.js';
import { TokenFile } from './config/token-file.js';
import { createLogger } from './logging/create-logger.js';
import { loggerPort } from './logging/logger-port.js';
import { SERVER_VERSION } from './version.js';

/**
 * A bad flag, variable, config file or file named by them: 1, as the CLI (and kata-runtime, runc) exit on a
 * usage error, with the same two lines on stderr.
 */
const EXIT_USAGE = 1;
/** The server could not start (e.g. the address is in use) or did not stop cleanly. */
const EXIT_FAILURE = 1;

function usageError(error: unknown): void {
  process.stderr.write(
    `${error instanceof Error ? error.message : String(error)}\nRun 'katamon-server --help' for usage.\n`,
  );
  process.exitCode = EXIT_USAGE;
}

/** `katamon-server`: builds the facade from plugins, serves it, and shuts down cleanly on SIGTERM/SIGINT. */
async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${serverUsage()}\n`);
    return;
  }
  if (argv.includes('--version')) {
    process.stdout.write(`${SERVER_VERSION}\n`);
    return;
  }
  let args: ServerArgs;
  let files: StartFiles;
  try {
    const flags = parseServerFlags(argv);
    const path = configPath(flags, process.env);
    // Read here for the settings (a bad file is a usage error); the composition entry reads its plugins.
    const file = path === undefined ? undefined : { path, settings: readConfigFile(path).settings };
    args = resolveServerArgs(flags, process.env, file);
    // Before any plugin loads: a bad file named by a flag is a usage error, not a server that cannot work.
    files = readStartFiles(args);
  } catch (error) {
    usageError(error);
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
  const token =
    args.tokenFile === undefined || files.token === undefined
      ? undefined
      : new TokenFile(args.tokenFile, files.token, logger);
  const server = await buildServer({
    katamon,
    logger: log,
    ...(token === undefined ? {} : { token: () => token.current() }),
    ...(files.tls === undefined ? {} : { https: files.tls }),
    maxAgeMs: args.maxAgeMs,
    logRequests: args.logRequests,
    maxStreamBufferBytes: args.streamBufferBytes,
    maxStreamClients: args.maxStreams,
  });
  const address = await server.app.listen(
    args.socket === undefined ? { host: args.host, port: args.port } : { path: args.socket },
  );
  log.info(
    {
      address,
      version: SERVER_VERSION,
      tls: args.tlsCert !== undefined,
      auth: token !== undefined,
      plugins: katamon.health().plugins,
    },
    'listening',
  );
  // One line on stdout so scripts and tests learn the address (port 0 picks one).
  process.stdout.write(`${JSON.stringify({ listening: address })}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    token?.close();
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
  const kind = errorKindOf(error);
  process.stderr.write(`katamon-server: ${error instanceof Error ? error.message : String(error)} (${kind})\n`);
  process.exit(EXIT_FAILURE);
});
