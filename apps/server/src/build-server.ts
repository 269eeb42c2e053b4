import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { CORE_VERSION, type Clock, type Katamon, type Logger } from '@katamon/core';
import { createBearerCheck, isUnauthenticatedPath } from './http/bearer-auth.js';
import { errorBody, HttpError, toHttpError } from './http/http-error.js';
import { REQUEST_LIMITS } from './http/request-limits.js';
import { createDeviceNames } from './metrics/device-names.js';
import { MetricsEndpoint } from './metrics/metrics-endpoint.js';
import { SampleCache } from './metrics/sample-cache.js';
import { ServerMetrics } from './metrics/server-metrics.js';
import { openApiDocument } from './openapi/openapi-document.js';
import { registerContainerRoutes } from './routes/container-routes.js';
import { registerDashboardRoutes } from './routes/dashboard-routes.js';
import { registerEventRoutes } from './routes/event-routes.js';
import { registerOpsRoutes } from './routes/ops-routes.js';
import { RefCache } from './routes/ref-cache.js';
import { statsFastPathServer, type StatsFastPath } from './routes/stats-fast-path.js';
import type { ServerContext } from './routes/server-context.js';
import { StreamHub } from './streams/stream-hub.js';
import { loggerPort } from './logging/logger-port.js';
import { WarnOnlyRequestLog } from './logging/request-log.js';
import { SERVER_VERSION } from './version.js';

export interface BuildServerOptions {
  katamon: Katamon;
  /** pino (or any fastify-compatible) logger; silent when omitted. */
  logger?: FastifyBaseLogger;
  /** Bearer token required on every route except /healthz and /readyz; a function gives the one in force. */
  token?: string | (() => string);
  https?: { cert: Buffer | string; key: Buffer | string };
  clock?: Clock;
  /** Samples and resolutions younger than this are reused by /stats and /metrics (ms). Default 1000. */
  maxAgeMs?: number;
  /** A stream client is dropped when this many bytes wait for it. Default 256 KiB. */
  maxStreamBufferBytes?: number;
  /** Open streams at once. Default 10000. */
  maxStreamClients?: number;
  /** SSE keep-alive comment period (ms). Default 15000. */
  streamKeepAliveMs?: number;
  /** prom-client's process and Node.js families. Default true. */
  processMetrics?: boolean;
  /**
   * fastify's per-request `info` lines ("incoming request", "request completed"). Default false: at a few
   * thousand requests a second they cost more than the request; warnings and errors are logged either way.
   */
  logRequests?: boolean;
}

export interface KatamonServer {
  app: FastifyInstance;
  hub: StreamHub;
  /** Refuse new work, end every stream with a final `end` item (reason `shutdown`), close the listener. */
  shutdown(): Promise<void>;
}

const systemClock: Clock = { now: () => Date.now() };

export async function buildServer(options: BuildServerOptions): Promise<KatamonServer> {
  const { katamon } = options;
  const clock = options.clock ?? systemClock;
  const maxAgeMs = options.maxAgeMs ?? 1000;
  // The HTTP server answers /stats cache hits before fastify routes them (stats-fast-path.ts); it reads `ctx`
  // and the token check, which exist before its first request.
  const fastPath: { current?: StatsFastPath } = {};
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    ...(options.https ? { https: options.https } : {}),
    routerOptions: { maxParamLength: REQUEST_LIMITS.maxParamLength },
    bodyLimit: 1024,
    return503OnClosing: true,
    ...(options.logRequests === true ? {} : { logController: new WarnOnlyRequestLog() }),
    serverFactory: statsFastPathServer(() => fastPath.current),
  }) as unknown as FastifyInstance;
  const logger: Logger = loggerPort(app.log);

  const metrics = new ServerMetrics({ processMetrics: options.processMetrics ?? true, version: SERVER_VERSION });
  const cache = new SampleCache(katamon, clock, maxAgeMs);
  const hub = new StreamHub({
    katamon,
    logger,
    onSample: (sample) => cache.put(sample),
    ...(options.streamKeepAliveMs === undefined ? {} : { keepAliveMs: options.streamKeepAliveMs }),
    onClientClosed: (reason) => {
      metrics.streamDrops.inc({ reason });
      if (reason === 'slow-consumer')
        logger.warn('stream client dropped', { reason, maxBufferedBytes: ctx.maxStreamBufferBytes });
    },
  });
  let accepting = true;
  const refs = new RefCache(katamon, clock, maxAgeMs);
  const ctx: ServerContext = {
    katamon,
    clock,
    cache,
    refs,
    hub,
    metrics: new MetricsEndpoint({
      katamon,
      list: () => refs.list(),
      cache,
      metrics,
      hub,
      logger,
      device: createDeviceNames(),
    }),
    maxStreamBufferBytes: options.maxStreamBufferBytes ?? 256 * 1024,
    maxStreamClients: options.maxStreamClients ?? 10_000,
    accepting: () => accepting,
  };

  const checkToken = options.token === undefined ? undefined : createBearerCheck(options.token);
  // Callback style: this runs on every request, and an async hook costs a promise per request.
  app.addHook('onRequest', (request, _reply, done) => {
    const url = request.url;
    if (url.length > REQUEST_LIMITS.maxUrlLength) {
      done(
        new HttpError(
          414,
          'QUERY_TOO_LARGE',
          `request target longer than ${REQUEST_LIMITS.maxUrlLength} bytes`,
          'invalid-argument',
        ),
      );
      return;
    }
    if (checkToken === undefined) {
      done();
      return;
    }
    try {
      const query = url.indexOf('?');
      if (!isUnauthenticatedPath(query === -1 ? url : url.slice(0, query))) checkToken(request.headers.authorization);
      done();
    } catch (error) {
      done(error as Error);
    }
  });

  fastPath.current = { ctx, checkToken, answered: () => metrics.fastStatsAnswers++ };

  app.setErrorHandler((error, request, reply) => {
    const http = fromFastifyError(error) ?? toHttpError(error);
    if (http.status >= 500) request.log.error({ err: error }, 'request failed');
    const headers = http.status === 401 ? { 'www-authenticate': 'Bearer' } : {};
    return reply.code(http.status).headers(headers).send(errorBody(http));
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send(
        errorBody(
          new HttpError(
            404,
            'ROUTE_NOT_FOUND',
            `no route ${request.method} ${request.url.split('?', 1)[0]?.slice(0, 128)}`,
          ),
        ),
      ),
  );

  const document = JSON.stringify(openApiDocument(CORE_VERSION));
  app.get('/openapi.json', async (_request, reply) => reply.type('application/json; charset=utf-8').send(document));
  registerContainerRoutes(app, ctx);
  registerEventRoutes(app, ctx);
  registerOpsRoutes(app, ctx);
  registerDashboardRoutes(app);

  return {
    app,
    hub,
    async shutdown() {
      accepting = false;
      hub.shutdown();
      await app.close();
    },
  };
}

/** Fastify's own errors (malformed URL, body too large, …) carry a status; keep it, give it a stable code. */
function fromFastifyError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return undefined;
  const { statusCode, code } = (error ?? {}) as { statusCode?: unknown; code?: unknown };
  if (typeof statusCode !== 'number' || typeof code !== 'string' || !code.startsWith('FST_')) return undefined;
  const message = error instanceof Error ? error.message : 'bad request';
  if (statusCode === 413) return new HttpError(413, 'BODY_TOO_LARGE', message);
  if (statusCode === 415) return new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', message);
  return new HttpError(statusCode, statusCode < 500 ? 'BAD_REQUEST' : 'INTERNAL', message);
}
