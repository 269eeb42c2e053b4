import type { SchemaName } from '../model/event.js';

/**
 * The module specifier of a schema's JSON Schema (2020-12) file, shipped in this package under `schemas/`
 * and exported as `@katamon/core/schemas/<name>.schema.json`. Core does no I/O: consumers load it, e.g.
 * `createRequire(import.meta.url)(schemaSpecifier('kata'))` or `import … with { type: 'json' }`.
 */
export function schemaSpecifier(schema: SchemaName): string {
  return `@katamon/core/schemas/${schema}.schema.json`;
}
