import type { Argv, CommandModule } from 'yargs';
import { KatamonError, parseGoDuration } from '@katamon/core';
import { TOP_OPTIONS } from '../options/option-specs.js';
import { runCommand } from '../process/run-command.js';
import { failEarly } from '../process/fail-early.js';
import { usageError } from '../args/parse-go-flags.js';
import type { CommandRuntime } from './command-runtime.js';
import { withOptions } from './shared-options.js';
import { MAX_TIMER_MS } from '../events/run-events.js';
import { containerFilterOf } from '../containers/container-filter-of.js';
import { isEmptyFilter, type ContainerFilter } from '@katamon/core';

interface TopArgs {
  ids?: string[];
  interval?: string;
  'no-stream'?: boolean;
  format?: 'table' | 'json';
  wide?: boolean;
  engine?: string[];
  label?: string[];
  name?: string[];
}

const FORMULAS = [
  'Formulas (docker stats, docker/cli stats_helpers.go):',
  '  CPU %      = Δcpu usage / Δsystem cpu × online CPUs × 100; system cpu = /proc/stat user..softirq × 10ms,',
  '               online CPUs = cpuN lines of /proc/stat (100% = one core)',
  '  MEM USAGE  = usage − inactive_file (v1 total_inactive_file): the working set; LIMIT capped to MemTotal',
  '  MEM %      = MEM USAGE / LIMIT × 100',
  '  NET I/O    = Σ rx / tx bytes over the interfaces except lo; BLOCK I/O = Σ read / write service bytes',
  '  /s columns = the change since the previous refresh, per second; PIDS = pids.current',
].join('\n');

function intervalMs(text: string): number {
  let ns: bigint;
  try {
    ns = parseGoDuration(text);
  } catch (error) {
    throw usageError(
      `invalid value "${text}" for flag -interval: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (ns <= 0n) throw new KatamonError('invalid-argument', 'duration interval must be greater than 0');
  return Math.min(Number(ns) / 1e6, MAX_TIMER_MS);
}

export function topCommand(runtime: CommandRuntime): CommandModule<object, TopArgs> {
  return {
    command: 'top [ids..]',
    describe: 'a live docker-stats-like table with rates (every running container when no id is given)',
    builder: (argv: Argv) =>
      withOptions(argv, TOP_OPTIONS, 'Top options:')
        .positional('ids', {
          describe: 'container ids, names or unique id prefixes (namespace/id where ids repeat)',
          type: 'string',
          array: true,
        })
        .example('$0 top', 'every running container, refreshed each second')
        .example('$0 top --engine docker --label app=web', 'Docker containers labelled app=web')
        .example('$0 top --no-stream --format json 3f2a', 'one sample pair, raw numbers')
        .epilogue(FORMULAS) as unknown as Argv<TopArgs>,
    handler: async (args) => {
      let ms: number;
      let filter: ContainerFilter;
      try {
        ms = intervalMs(args.interval ?? '1s');
        filter = containerFilterOf(args);
        if ((args.ids?.length ?? 0) > 0 && !isEmptyFilter(filter))
          throw usageError('--engine, --label and --name filter the containers top follows without ids');
      } catch (error) {
        runtime.setExitCode(failEarly(runtime.ctx, args, error));
        return;
      }
      const request = {
        ids: args.ids ?? [],
        intervalMs: ms,
        stream: args['no-stream'] !== true,
        format: args.format ?? 'table',
        wide: args.wide === true,
        filter,
      } as const;
      const { runTop } = await import('../top/run-top.js');
      const code = await runCommand(
        runtime.ctx,
        args,
        (scope) =>
          runTop({ ...request, ids: [...request.ids] }, scope, {
            isTTY: runtime.ctx.stdout.isTTY === true,
            procRoot: scope.settings.roots.proc ?? '/proc',
          }),
        runtime.exitNow,
      );
      runtime.setExitCode(code);
    },
  };
}
