import { Ajv2020 } from 'ajv/dist/2020.js';

type Json = Record<string, unknown>;

/**
 * Validates a response against what an OpenAPI 3.1 document declares for (path template, status, media type).
 * Schemas carrying their own `$id` are registered on their own so their internal references resolve.
 */
export function responseValidator(
  document: Json,
): (path: string, status: number, contentType: string, body: unknown) => string[] {
  const doc = structuredClone(document) as {
    components: { schemas: Record<string, Json>; responses: Record<string, Json> };
    paths: Record<string, Json>;
  };
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  for (const [name, schema] of Object.entries(doc.components.schemas)) {
    if (typeof schema['$id'] === 'string') {
      ajv.addSchema(schema);
      doc.components.schemas[name] = { $ref: schema['$id'] };
    }
  }
  ajv.addSchema(doc as unknown as Json, 'openapi.json');
  return (path, status, contentType, body) => {
    const operation = (doc.paths[path] as { get?: { responses: Record<string, Json> } } | undefined)?.get;
    if (operation === undefined) return [`no GET ${path} in the document`];
    let response = operation.responses[String(status)];
    if (response === undefined) return [`GET ${path} does not declare status ${status}`];
    const refName = typeof response['$ref'] === 'string' ? (response['$ref'] as string).split('/').pop()! : undefined;
    if (refName !== undefined) response = doc.components.responses[refName]!;
    const media = contentType.split(';', 1)[0]!.trim();
    const content = response['content'] as Record<string, { schema: Json }> | undefined;
    if (content?.[media] === undefined) return [`GET ${path} ${status} does not declare ${media}`];
    const pointer =
      refName !== undefined
        ? `openapi.json#/components/responses/${refName}/content/${escape(media)}/schema`
        : `openapi.json#/paths/${escape(path)}/get/responses/${status}/content/${escape(media)}/schema`;
    const validate = ajv.getSchema(pointer) ?? ajv.compile({ $ref: pointer });
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
