import { KatamonError } from '../errors/katamon-error.js';
import { ENGINE_NAMES } from '../model/container-identity.js';

/**
 * Which engines' default host paths may be looked at, as typed (`--discover`, `KATAMON_DISCOVER`): `all`,
 * `none` (an empty list: only the roots the user gave), or engines separated by commas.
 */
export function parseDiscover(value: string | undefined): 'all' | string[] {
  if (value === undefined || value === 'all') return 'all';
  if (value === 'none') return [];
  const engines = value.split(',').map((e) => e.trim());
  const unknown = engines.find((e) => !(ENGINE_NAMES as readonly string[]).includes(e));
  if (unknown !== undefined)
    throw new KatamonError(
      'invalid-argument',
      `"${unknown.slice(0, 64)}" is not one of all, none, ${ENGINE_NAMES.join(', ')}`,
    );
  return engines;
}
