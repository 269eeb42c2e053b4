import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * fastify's request logging without the per-request `info` lines ("incoming request", "request completed",
 * "Route … not found"): at a few thousand requests a second they cost more than a cached `/stats` answer.
 * Everything at warn and above (a request that completed with an error, stream and serializer failures) is
 * still logged. `--log-requests` (`logRequests: true`) restores fastify's default controller.
 */
export class WarnOnlyRequestLog extends LogController {
  override incomingRequest(): void {
    // not logged: see the class comment
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
    metadata?: Record<string, unknown>,
  ): void {
    if (error) super.requestCompleted(error, request, reply, metadata);
  }

  override routeNotFound(): void {
    // the 404 answer says it; not logged
  }
}
