import {
  encodeEvent,
  filterContainers,
  isLive,
  refKey,
  type ContainerRef,
  type Katamon,
  type StreamItem,
} from '@katamon/core';
import { resolveRunning } from '../containers/resolve-running.js';
import type { OutputSink } from '../output/stdout-sink.js';
import type { CliLogger } from '../output/stderr-logger.js';
import type { EventsRequest } from './parse-events-args.js';
import { sampleFailure, sampleToEvent } from './sample-to-event.js';
import { watchAll } from './watch-all.js';

export interface EventsDeps {
  katamon: Katamon;
  out: OutputSink;
  log: CliLogger;
  /** Aborted by SIGINT/SIGTERM or a closed stdout. */
  signal: AbortSignal;
}

/**
 * Node fires a timer longer than 2^31−1 ms after 1 ms instead, which would turn `--interval 1000h` into a
 * busy loop; Go accepts up to 2562047h, so longer intervals wait 24.8 days instead.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** `--all` looks for new containers every interval, but at most once per this many ms. */
export const FOLLOW_MIN_MS = 1000;

/** How a stream ended: every container went away, or it was stopped from outside. */
export type EventsOutcome = 'done' | 'cancelled';

async function targets(katamon: Katamon, request: EventsRequest): Promise<ContainerRef[]> {
  if (request.all) return filterContainers((await katamon.list()).filter(isLive), request.filter);
  const refs: ContainerRef[] = [];
  // One at a time, in the order typed: the first bad id is the one reported.
  for (const typed of request.ids) {
    const ref = await resolveRunning(katamon, typed);
    if (!refs.some((r) => refKey(r) === refKey(ref))) refs.push(ref);
  }
  return refs;
}

/** `--stats`: one event per container, in order; the first failure fails the command after the others print. */
async function printOnce(refs: readonly ContainerRef[], request: EventsRequest, deps: EventsDeps): Promise<void> {
  const settled = await Promise.allSettled(refs.map((ref) => deps.katamon.sample(ref, deps.signal)));
  let firstError: unknown;
  for (const result of settled) {
    if (result.status === 'rejected') {
      firstError ??= result.reason;
      continue;
    }
    const failure = sampleFailure(result.value, request.schema);
    if (failure !== undefined) {
      firstError ??= failure;
      continue;
    }
    deps.out.write(`${encodeEvent(sampleToEvent(result.value), request.schema, { pretty: request.pretty })}\n`);
  }
  if (firstError !== undefined) throw firstError;
}

function handleItem(item: StreamItem, request: EventsRequest, deps: EventsDeps): void {
  const { out, log } = deps;
  const encode = { pretty: request.pretty };
  switch (item.type) {
    case 'sample': {
      const failure = sampleFailure(item.sample, request.schema);
      // A source that saw the container vanish mid-sample: the stream's end line says it once.
      if (failure?.kind === 'gone') log.debug(failure.message, { container: item.sample.id });
      else if (failure !== undefined) log.error(failure.message, { container: item.sample.id });
      else out.write(`${encodeEvent(sampleToEvent(item.sample), request.schema, encode)}\n`);
      if (item.dropped !== undefined && item.dropped > 0)
        log.warn('output too slow: events dropped', { container: item.sample.id, dropped: item.dropped });
      return;
    }
    case 'oom':
      out.write(`${encodeEvent({ type: 'oom', id: item.id }, request.schema, encode)}\n`);
      return;
    case 'error':
      log.error(item.message, { container: item.id, kind: item.kind });
      return;
    case 'end':
      if (item.reason === 'gone')
        log.warn(`container ${item.id} is gone (stopped or deleted): no more events for it`, { container: item.id });
      return;
  }
}

/** The `events` command after argument checks: resolve, then one event (`--stats`) or the stream. */
export async function runEvents(request: EventsRequest, deps: EventsDeps): Promise<EventsOutcome> {
  const refs = await targets(deps.katamon, request);
  if (request.stats) {
    await printOnce(refs, request, deps);
    return 'done';
  }
  const intervalMs = Math.min(Number(request.intervalNs) / 1e6, MAX_TIMER_MS);
  if (refs.length === 0 && request.all) deps.log.warn('no running containers yet: waiting for one to start');
  await watchAll({
    katamon: deps.katamon,
    refs,
    intervalMs,
    signal: deps.signal,
    onItem: (item) => handleItem(item, request, deps),
    stopped: () => deps.out.closed,
    ...(request.all
      ? {
          follow: {
            list: async () => filterContainers(await deps.katamon.list(), request.filter),
            // Every interval, but not more than once a second: listing reads every state file.
            everyMs: Math.max(intervalMs, FOLLOW_MIN_MS),
            onListError: (error: unknown) => deps.log.warn('cannot list containers', { error: String(error) }),
          },
        }
      : {}),
  });
  return deps.signal.aborted || deps.out.closed ? 'cancelled' : 'done';
}
