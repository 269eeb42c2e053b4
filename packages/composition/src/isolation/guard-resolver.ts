import { KatamonError, checkContainerRef, type ContainerRef, type ContainerResolver } from '@katamon/core';
import { pluginFault } from './plugin-fault.js';

/** Most containers one answer of a plugin's resolver may list. */
export const MAX_PLUGIN_REFS = 65536;

/**
 * A plugin's resolver as katamon may trust it: every ref it returns is checked and copied field by field
 * (`checkContainerRef`: ids, status, pid, absolute clean paths, bounded labels; `resolver` must be its own
 * name), a list is bounded, and what it throws keeps a kind of the closed set, else becomes `plugin`.
 */
export function guardResolver(resolver: ContainerResolver): ContainerResolver {
  const name = resolver.name;
  const call = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw pluginFault(`${what} of resolver ${name}`, error);
    }
  };
  return {
    name,
    match: async (query) => checkRefs(name, 'match()', await call('match()', () => resolver.match(query))),
    list: async () => checkRefs(name, 'list()', await call('list()', () => resolver.list())),
    refresh: async (ref) => {
      const fresh: unknown = await call('refresh()', () => resolver.refresh(ref));
      return fresh === undefined ? undefined : checkRef(name, fresh, 'refresh()');
    },
  };
}

/** A resolver's list answer, checked and copied; one bad ref fails the answer, naming it. */
export function checkRefs(name: string, what: string, answer: unknown): ContainerRef[] {
  if (!Array.isArray(answer)) throw invalid(name, `${what}: not an array`);
  if (answer.length > MAX_PLUGIN_REFS) throw invalid(name, `${what}: more than ${MAX_PLUGIN_REFS} containers`);
  const refs = new Array<ContainerRef>(answer.length);
  for (let i = 0; i < answer.length; i++) refs[i] = checkRef(name, answer[i], `${what}[${i}]`);
  return refs;
}

function checkRef(name: string, value: unknown, at: string): ContainerRef {
  const checked = checkContainerRef(value, name, at);
  if (!checked.ok) throw invalid(name, checked.problem);
  return checked.ref;
}

function invalid(name: string, problem: string): KatamonError {
  return new KatamonError('plugin', `resolver ${name} returned an invalid answer: ${problem}`);
}
