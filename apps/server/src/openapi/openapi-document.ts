import { SCHEMA_NAMES, type SchemaName } from '@katamon/core';
import fullSchema from '@katamon/core/schemas/full.schema.json' with { type: 'json' };
import kataSchema from '@katamon/core/schemas/kata.schema.json' with { type: 'json' };
import runcSchema from '@katamon/core/schemas/runc.schema.json' with { type: 'json' };
import { containerSchemas, filterParams, idParam } from './container-schemas.js';

type Json = Record<string, unknown>;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json): Json => ({ 'application/json': { schema } });
const text = (type: string): Json => ({ [type]: { schema: { type: 'string' } } });

const errors = (...statuses: number[]): Json =>
  Object.fromEntries(statuses.map((s) => [String(s), { $ref: `#/components/responses/Error${s}` }]));

const schemaParam = {
  name: 'schema',
  in: 'query',
  schema: { type: 'string', enum: [...SCHEMA_NAMES], default: 'kata' },
};
const intervalParam = {
  name: 'interval',
  in: 'query',
  description: 'Go duration between samples, 100ms..1h; the first event comes after one interval.',
  schema: { type: 'string', default: '5s', maxLength: 64 },
};
const streamContent = { ...text('text/event-stream'), ...text('application/x-ndjson') };

/**
 * OpenAPI 3.1 for every route. Event bodies are described by core's JSON Schema files (2020-12) when they
 * are installed; each keeps its own `$id`, so its internal references resolve inside it.
 */
export function openApiDocument(version: string): Json {
  const schemas: Json = {
    ErrorBody: {
      type: 'object',
      required: ['error'],
      additionalProperties: false,
      properties: {
        error: {
          type: 'object',
          required: ['code', 'message'],
          additionalProperties: false,
          properties: {
            code: { type: 'string', pattern: '^[A-Z_]+$' },
            message: { type: 'string' },
            kind: { type: 'string' },
          },
        },
      },
    },
    ...containerSchemas,
    Health: { type: 'object', required: ['status'], properties: { status: { const: 'ok' } } },
    Readiness: {
      type: 'object',
      required: ['status', 'plugins', 'sources', 'resolvers'],
      properties: {
        status: { enum: ['ready', 'not-ready'] },
        plugins: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'ok'],
            properties: {
              name: { type: 'string' },
              ok: { type: 'boolean' },
              error: {
                type: 'object',
                required: ['code', 'message'],
                properties: { code: { type: 'string' }, message: { type: 'string' } },
              },
            },
          },
        },
        sources: { type: 'array', items: { type: 'string' } },
        resolvers: { type: 'array', items: { type: 'string' } },
      },
    },
    StatsEvent: { anyOf: SCHEMA_NAMES.map((name) => ref(eventSchemaName(name))) },
    ...Object.fromEntries(SCHEMA_NAMES.map((name) => [eventSchemaName(name), eventSchema(name)])),
  };

  const responses = Object.fromEntries(
    [
      [400, 'Invalid id, interval, schema or query parameter.'],
      [401, 'Missing or wrong bearer token.'],
      [404, 'No such container or route.'],
      [406, 'The Accept header names no format this route serves.'],
      [409, 'Ambiguous id prefix, or the container is not running.'],
      [414, 'Request target longer than 2048 bytes.'],
      [500, 'Internal or source error.'],
      [502, 'A source or a third-party plugin answered wrongly (SOURCE_PARSE_ERROR, PLUGIN_ERROR).'],
      [503, 'Shutting down, too many streams, or a source is unavailable.'],
    ].map(([status, description]) => [`Error${status}`, { description, content: json(ref('ErrorBody')) }]),
  );

  const get = (summary: string, ok: Json, params: Json[], ...errorStatuses: number[]): Json => ({
    get: { summary, parameters: params, responses: { '200': ok, ...errors(401, 414, ...errorStatuses) } },
  });

  return {
    openapi: '3.1.0',
    info: { title: 'katamon', version, description: 'Container statistics: REST, SSE/NDJSON streams, Prometheus.' },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    components: {
      schemas,
      responses,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Only when started with --token-file.' },
      },
    },
    security: [{ bearer: [] }],
    paths: {
      '/v1/containers': get(
        'Every container of every engine found, with its identity; `engine`, `label` and `name` filter.',
        { description: 'Containers, sorted by id.', content: json(ref('ContainerList')) },
        filterParams,
        400,
        500,
        502,
      ),
      '/v1/containers/{id}': get(
        'One container, by id, name or unique prefix.',
        { description: 'The container.', content: json(ref('Container')) },
        [idParam],
        400,
        404,
        409,
        500,
        502,
      ),
      '/v1/containers/{id}/stats': get(
        'One stats event: the bytes `katamon events --stats` prints (from a sample at most --max-age old).',
        { description: 'One event and a newline.', content: json(ref('StatsEvent')) },
        [
          idParam,
          schemaParam,
          { name: 'pretty', in: 'query', schema: { type: 'string', enum: ['true', 'false', '1', '0', ''] } },
        ],
        400,
        404,
        409,
        500,
        502,
        503,
      ),
      '/v1/containers/{id}/events': get(
        'Live events of one container: SSE (`event: stats|oom|error|end`) or NDJSON (runc lines, then an end line).',
        { description: 'A stream.', content: streamContent },
        [idParam, intervalParam, schemaParam],
        400,
        404,
        406,
        409,
        503,
      ),
      '/v1/events': get(
        'Live events of every running container (all=true adds created and paused ones; engine, label, name filter).',
        { description: 'A stream.', content: streamContent },
        [
          intervalParam,
          schemaParam,
          { name: 'all', in: 'query', schema: { type: 'string', enum: ['true', 'false', '1', '0', ''] } },
          ...filterParams,
        ],
        400,
        406,
        503,
      ),
      '/v1/doctor': get(
        'What was probed on this host, what was found, why anything was skipped, what could not be read.',
        { description: 'The doctor’s report (katamon doctor --format json).', content: json(ref('DoctorReport')) },
        [],
        400,
        500,
      ),
      '/metrics': get(
        'cAdvisor-compatible container metrics plus katamon families; OpenMetrics when asked via Accept.',
        {
          description: 'Exposition text.',
          content: { ...text('text/plain'), ...text('application/openmetrics-text') },
        },
        [],
        400,
        406,
        500,
      ),
      '/healthz': {
        get: {
          summary: 'Liveness.',
          security: [],
          responses: { '200': { description: 'Alive.', content: json(ref('Health')) }, ...errors(400, 414) },
        },
      },
      '/readyz': {
        get: {
          summary: 'Readiness: every plugin loaded, at least one resolver and one source.',
          security: [],
          responses: {
            '200': { description: 'Ready.', content: json(ref('Readiness')) },
            '503': { description: 'Not ready.', content: json(ref('Readiness')) },
            ...errors(400, 414),
          },
        },
      },
      '/openapi.json': get(
        'This document.',
        { description: 'OpenAPI 3.1.', content: json({ type: 'object', required: ['openapi', 'paths'] }) },
        [],
        400,
      ),
      // The dashboard's own files carry no container data and load without a token: the page asks for it.
      '/': {
        get: {
          summary: 'The dashboard.',
          security: [],
          parameters: [],
          responses: { '200': { description: 'HTML page.', content: text('text/html') }, ...errors(400, 414) },
        },
      },
      '/ui/{asset}': {
        get: {
          summary: 'Dashboard assets (script, styles, uPlot).',
          security: [],
          parameters: [{ name: 'asset', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'Asset.', content: { ...text('text/javascript'), ...text('text/css') } },
            ...errors(400, 404, 414),
          },
        },
      },
    },
  };
}

function eventSchemaName(name: SchemaName): string {
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}Event`;
}

/** Core's JSON Schema files, imported (so a bundle carries them). */
const EVENT_SCHEMAS: Readonly<Record<SchemaName, unknown>> = { kata: kataSchema, runc: runcSchema, full: fullSchema };

/** Core's JSON Schema for one event schema. */
function eventSchema(name: SchemaName): Json {
  return EVENT_SCHEMAS[name] as Json;
}
