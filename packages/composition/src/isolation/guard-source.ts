import {
  KatamonError,
  checkStats,
  type ContainerRef,
  type OomSignal,
  type SampleIssue,
  type SampleScope,
  type SourceResult,
  type StatsSource,
} from '@katamon/core';
import { clip, pluginFault, pluginKind } from './plugin-fault.js';

/** Most issues one result of a plugin may carry. */
export const MAX_PLUGIN_ISSUES = 64;

export interface GuardOptions {
  /**
   * Copy each result (structured clone) before checking it: needed for a plugin in this thread, whose objects
   * could change (or answer a getter differently) after the check. An isolated plugin's results are copies.
   */
  copy: boolean;
}

/**
 * A plugin's source as katamon may trust it. Every result is checked against the model before it is merged
 * (a wrong one is an error of kind `plugin` naming the source and the field); what the source throws keeps a
 * kind of the closed set, else becomes `plugin`; its issues are attributed to it and cut to size. It never
 * offers `collectSync`, so a plugin always runs under the sample's deadline.
 */
export function guardSource(source: StatsSource, options: GuardOptions): StatsSource {
  const name = source.name;
  const guarded: StatsSource = {
    name,
    probe(ref) {
      try {
        return source.probe(ref) === 'handle' ? 'handle' : 'skip';
      } catch (error) {
        throw pluginFault(`probe of source ${name}`, error);
      }
    },
    async collect(ref, signal, scope?: SampleScope) {
      let answer: unknown;
      try {
        answer = await (scope === undefined ? source.collect(ref, signal) : source.collect(ref, signal, scope));
        if (options.copy) answer = structuredClone(answer);
      } catch (error) {
        throw pluginFault(`source ${name}`, error);
      }
      return checkSourceAnswer(name, answer);
    },
  };
  if (typeof source.watchOom === 'function') {
    const watch = source.watchOom.bind(source);
    guarded.watchOom = (ref, signal) => guardOom(name, watch(ref, signal));
  }
  if (typeof source.release === 'function') {
    const release = source.release.bind(source);
    guarded.release = async (ref?: ContainerRef) => {
      try {
        await (ref === undefined ? release() : release(ref));
      } catch (error) {
        throw pluginFault(`release of source ${name}`, error);
      }
    };
  }
  return guarded;
}

/** A source's answer checked against the model: a fresh result of valid stats and issues, or a `plugin` error. */
export function checkSourceAnswer(name: string, answer: unknown): SourceResult {
  const invalid = (problem: string) =>
    new KatamonError('plugin', `source ${name} returned an invalid result: ${problem}`);
  if (!isPlainObject(answer)) throw invalid('not an object');
  for (const key of Object.keys(answer))
    if (key !== 'stats' && key !== 'issues') throw invalid(`unknown field "${clip(key, 40)}"`);
  const [problem] = checkStats(answer['stats'], 1);
  if (problem !== undefined) throw invalid(problem);
  const result: SourceResult = { stats: answer['stats'] as SourceResult['stats'] };
  const issues = answer['issues'];
  if (issues === undefined) return result;
  if (!Array.isArray(issues)) throw invalid('issues: not an array');
  if (issues.length > MAX_PLUGIN_ISSUES) throw invalid(`issues: more than ${MAX_PLUGIN_ISSUES}`);
  result.issues = issues.map((issue: unknown, i) => {
    if (!isPlainObject(issue) || typeof issue['message'] !== 'string') throw invalid(`issues[${i}]: not an issue`);
    // Always the source's own name: a plugin cannot blame another source.
    const own: SampleIssue = { source: name, kind: pluginKind(issue['kind']), message: clip(issue['message']) };
    if (typeof issue['path'] === 'string') own.path = clip(issue['path'], 4096);
    return own;
  });
  return result;
}

async function* guardOom(name: string, signals: AsyncIterable<OomSignal>): AsyncIterable<OomSignal> {
  const iterator = signals[Symbol.asyncIterator]();
  let done = false;
  try {
    while (!done) {
      let next: IteratorResult<unknown>;
      try {
        next = await iterator.next();
      } catch (error) {
        done = true;
        throw pluginFault(`OOM watch of source ${name}`, error);
      }
      done = next.done === true;
      if (done) return;
      if (next.value !== 'oom' && next.value !== 'gone')
        throw new KatamonError('plugin', `OOM watch of source ${name} yielded something other than "oom" or "gone"`);
      yield next.value;
    }
  } finally {
    // The consumer stopped early (or the plugin misbehaved): let the plugin's watch end too.
    if (!done)
      void Promise.resolve()
        .then(() => iterator.return?.())
        .catch(() => undefined);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
