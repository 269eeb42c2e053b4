import type { SchemaName } from '@katamon/core';

/** What every arbitrary factory takes: the schema whose canonical events to generate. */
export interface ArbitraryOptions {
  schema: SchemaName;
  /**
   * Generate lone surrogates in strings (default true). Go and katamon print them as `\ufffd`, so such an
   * event does not decode back to itself; round-trip properties turn this off.
   */
  loneSurrogates?: boolean;
}
