import type { ContainerRef } from '@katamon/core';
import { buildServer, type KatamonServer } from '../build-server.js';
import { inMemoryKatamon, type InMemoryWorld } from './in-memory-katamon.js';
import { responseValidator } from './openapi-validator.js';

export interface RouteHarness {
  readonly world: InMemoryWorld;
  readonly server: KatamonServer;
  /** The OpenAPI document's errors for an answer to `template` (empty when it conforms). */
  check(template: string, status: number, type: string, body: unknown): unknown[];
  /** GETs `url`, checking the answer against the OpenAPI document's `template` route. */
  get(
    url: string,
    template: string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: ReturnType<JSON['parse']>; type: string; headers: Record<string, unknown> }>;
}

/** A server over an in-memory world of `refs`, built before and shut down after each test of the calling suite. */
export function useRouteHarness(refs: () => ContainerRef[]): RouteHarness {
  let world: InMemoryWorld;
  let server: KatamonServer;
  let check: ReturnType<typeof responseValidator>;
  beforeEach(async () => {
    world = inMemoryKatamon(refs());
    // A long max age: "reuses a fresh sample" must not depend on how fast a loaded machine runs the test.
    server = await buildServer({ katamon: world.katamon, processMetrics: false, maxAgeMs: 600_000 });
    check = responseValidator((await server.app.inject('/openapi.json')).json());
  });
  afterEach(async () => {
    await server.shutdown();
    await world.katamon.close();
  });
  return {
    get world() {
      return world;
    },
    get server() {
      return server;
    },
    check: (template, status, type, body) => check(template, status, type, body) as unknown[],
    async get(url, template, headers = {}) {
      const response = await server.app.inject({ method: 'GET', url, headers });
      const type = String(response.headers['content-type'] ?? '');
      const body = type.startsWith('application/json') ? response.json() : response.body;
      expect(check(template, response.statusCode, type, body)).toEqual([]);
      return { status: response.statusCode, body, type, headers: response.headers };
    },
  };
}
