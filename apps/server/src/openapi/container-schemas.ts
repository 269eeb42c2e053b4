type Json = Record<string, unknown>;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const strings = { type: 'array', items: { type: 'string' } };
const stringMap = { type: 'object', additionalProperties: { type: 'string' } };

/** `{id}` of the container routes: an id, a name, `/name`, or `namespace/id` (the slash sent as `%2F`). */
export const idParam = {
  name: 'id',
  in: 'path',
  required: true,
  description:
    'Full container id, a name (Docker’s `web` or `/web`), `<namespace or engine>/<id or name>` (`k8s.io%2Fabc`), ' +
    'or a unique id prefix shorter than 64 characters: exact id first, then unique name, then unique prefix.',
  schema: { type: 'string', minLength: 1, maxLength: 1024, pattern: '^/?([A-Za-z0-9_+.-]+/)?[A-Za-z0-9_+.-]+$' },
};

/** `engine`, `label`, `name`: each repeatable, as the CLI's `--engine`, `--label`, `--name`. */
export const filterParams: Json[] = [
  {
    name: 'engine',
    in: 'query',
    description:
      'Only containers of this engine (repeat for any of several): runc, crun, containerd, docker, podman, cri-o, kata.',
    schema: { type: 'array', items: { type: 'string' }, maxItems: 32 },
    style: 'form',
    explode: true,
  },
  {
    name: 'label',
    in: 'query',
    description: 'Only containers with this label, `key=value` or `key` (repeat: all must match).',
    schema: { type: 'array', items: { type: 'string' }, maxItems: 32 },
    style: 'form',
    explode: true,
  },
  {
    name: 'name',
    in: 'query',
    description: 'Only containers whose name (or an alias) contains this (repeat for any of several).',
    schema: { type: 'array', items: { type: 'string' }, maxItems: 32 },
    style: 'form',
    explode: true,
  },
];

const probeReport = {
  type: 'object',
  required: ['engine', 'found', 'detail', 'paths'],
  properties: {
    engine: { type: 'string' },
    found: { type: 'boolean' },
    detail: { type: 'string' },
    paths: {
      type: 'array',
      items: {
        type: 'object',
        required: ['role', 'path', 'found'],
        properties: { role: { type: 'string' }, path: { type: 'string' }, found: { type: 'boolean' } },
      },
    },
  },
};

/** Schemas of container views (with their identity) and of the doctor's report. */
export const containerSchemas: Json = {
  PodIdentity: {
    type: 'object',
    additionalProperties: false,
    properties: {
      name: { type: 'string' },
      namespace: { type: 'string' },
      uid: { type: 'string' },
      container: { type: 'string', description: 'Kubernetes container name (absent for the sandbox).' },
      type: { enum: ['sandbox', 'container'] },
      sandboxId: { type: 'string' },
    },
  },
  ContainerIdentity: {
    type: 'object',
    required: ['engine'],
    additionalProperties: false,
    description: "Who the container is, read from the engine's own files; keys other than engine only when known.",
    properties: {
      engine: { type: 'string' },
      namespace: { type: 'string', description: "The engine's namespace (containerd's)." },
      name: { type: 'string' },
      aliases: strings,
      image: { type: 'string' },
      labels: stringMap,
      pod: ref('PodIdentity'),
      issues: { ...strings, description: 'Identity files that could not be read, one line each.' },
    },
  },
  Container: {
    type: 'object',
    required: ['id', 'runtime', 'resolver', 'status', 'identity'],
    additionalProperties: false,
    properties: {
      id: { type: 'string' },
      runtime: { type: 'string' },
      resolver: { type: 'string' },
      status: { type: 'string', enum: ['created', 'running', 'paused', 'stopped', 'unknown'] },
      pid: { type: 'integer', minimum: 0 },
      created: { type: 'string' },
      cgroup: {
        oneOf: [
          {
            type: 'object',
            required: ['version', 'paths'],
            properties: { version: { const: 1 }, paths: stringMap },
          },
          {
            type: 'object',
            required: ['version', 'path'],
            properties: { version: { const: 2 }, path: { type: 'string' } },
          },
        ],
      },
      netnsPath: { type: 'string' },
      sandbox: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
      identity: ref('ContainerIdentity'),
      labels: { ...stringMap, description: "The resolver's bookkeeping (state root and file, bundle, read error)." },
    },
  },
  ContainerList: {
    type: 'object',
    required: ['containers'],
    additionalProperties: false,
    properties: { containers: { type: 'array', items: ref('Container') } },
  },
  DoctorReport: {
    type: 'object',
    required: ['engines', 'plugins', 'resolvers', 'sources', 'containers', 'issues'],
    properties: {
      engines: {
        type: 'array',
        items: {
          allOf: [
            probeReport,
            { type: 'object', required: ['containers'], properties: { containers: { type: 'integer' } } },
          ],
        },
      },
      plugins: { type: 'array', items: { type: 'object', required: ['name', 'ok'] } },
      resolvers: strings,
      sources: strings,
      containers: {
        type: 'object',
        required: ['total', 'byEngine'],
        properties: {
          total: { type: 'integer' },
          byEngine: { type: 'object', additionalProperties: { type: 'integer' } },
        },
      },
      issues: {
        type: 'array',
        items: {
          type: 'object',
          required: ['container', 'engine', 'messages'],
          properties: { container: { type: 'string' }, engine: { type: 'string' }, messages: strings },
        },
      },
      listError: { type: 'object', required: ['kind', 'message'] },
    },
  },
};
