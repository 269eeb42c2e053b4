import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import {
  KatamonError,
  type ContainerRef,
  type Katamon,
  type Sample,
  type StreamItem,
  type StreamOptions,
} from '@katamon/core';
import type { CliContext, KatamonNeeds } from '../cli-context.js';
import type { GlobalSettings } from '../settings/global-settings.js';
import { runCli } from '../run-cli.js';

// The CLI run in process against a fake Katamon: what the command specs share.

export function ref(id: string, status: ContainerRef['status'] = 'running'): ContainerRef {
  return { id, runtime: 'runc', resolver: 'fake', status, pid: 42 };
}

export function sample(id: string, issues: Sample['issues'] = []): Sample {
  return { id, timestamp: 1, stats: { pids: { current: 3n, limit: 0n } }, sources: ['fake'], issues };
}

/** A small in-test Katamon: containers by id; streams play a script of items then wait for cancel. */
export function fakeKatamon(
  refs: ContainerRef[],
  script: (id: string) => StreamItem[] = () => [],
  sampleOf = (r: ContainerRef) => sample(r.id),
) {
  const calls = { closed: 0, streams: [] as StreamOptions[] };
  const katamon: Katamon = {
    async resolve(query) {
      const exact = refs.find((r) => r.id === query);
      if (exact) return exact;
      const matches = refs.filter((r) => r.id.startsWith(query));
      if (matches.length > 1) throw new KatamonError('ambiguous', `multiple containers found (${query})`);
      if (matches.length === 1) return matches[0] as ContainerRef;
      throw new KatamonError('not-found', `Container ID (${query}) does not exist`);
    },
    list: async () => refs,
    sample: async (r) => sampleOf(r),
    stream(r, options) {
      calls.streams.push(options);
      return (async function* () {
        for (const item of script(r.id)) yield item;
        if (script(r.id).some((i) => i.type === 'end')) return;
        await new Promise<void>((resolve) =>
          options.signal?.addEventListener('abort', () => resolve(), { once: true }),
        );
        yield { type: 'end', id: r.id, reason: 'cancelled' } as StreamItem;
      })();
    },
    // The stream's items, handed over one by one as the real watch does (never synchronously from here).
    watch(r, options, onItem) {
      let stopped = false;
      void (async () => {
        for await (const item of katamon.stream(r, options)) {
          if (stopped) return;
          onItem(item);
          if (item.type === 'end') return;
        }
      })();
      return () => void (stopped = true);
    },
    health: () => ({ plugins: [], sources: [], resolvers: [] }),
    close: async () => void calls.closed++,
  };
  return { katamon, calls };
}

export function harness(katamon: Katamon, env: NodeJS.ProcessEnv = {}) {
  const created: { settings: GlobalSettings; needs: KatamonNeeds | undefined }[] = [];
  const out: string[] = [];
  const err: string[] = [];
  const signals = new EventEmitter();
  const stdout = new Writable({
    write(chunk, _enc, done) {
      out.push(String(chunk));
      done();
    },
  });
  const ctx: CliContext = {
    env,
    stdout,
    writeStderr: (t) => void err.push(t),
    createKatamon: async (settings, _logger, needs) => {
      created.push({ settings, needs });
      return katamon;
    },
    signals,
    programName: 'katamon',
  };
  const exits: number[] = [];
  const run = (args: string[]) => runCli(ctx, args, (code) => void exits.push(code));
  return { out, err, signals, stdout, run, exits, created, text: () => out.join('') };
}

/** A running container with an identity (engine, name, image `<name>:1`, labels). */
export function named(id: string, engine: string, name: string, labels: Record<string, string> = {}): ContainerRef {
  return { ...ref(id), identity: { engine, name, image: `${name}:1`, labels } };
}
