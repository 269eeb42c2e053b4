import yargs from 'yargs';
import type { CliContext } from '../cli-context.js';
import { GLOBAL_OPTIONS } from '../options/option-specs.js';
import { EXIT_FAILURE, EXIT_OK } from '../process/exit-codes.js';
import { CLI_VERSION } from '../version.js';
import { commands } from './commands.js';
import { withOptions } from './shared-options.js';

const ENVIRONMENT = [
  'Environment: KATAMON_ROOT, KATAMON_CRUN_ROOT, KATAMON_KATA_ROOT, KATAMON_PLUGINS (":"-separated lists), KATAMON_CGROUP_ROOT, KATAMON_PROC_ROOT, KATAMON_DISCOVER, KATAMON_CONTAINERD_ROOT, KATAMON_CONTAINERD_STATE, KATAMON_DOCKER_EXEC_ROOT, KATAMON_DOCKER_DATA_ROOT, KATAMON_PODMAN_ROOT, KATAMON_LOG_LEVEL, KATAMON_LOG_FORMAT. Flags win over them.',
  'Exit status: 0 success, also a stream whose containers all went away and a reader that closed the pipe; 1 error, as kata-runtime; 70 internal error; 78 a plugin failed to load; 130/143 a stream stopped by SIGINT/SIGTERM.',
].join('\n\n');

/** Everything but the `events` hot path: help, version, completion, list, top. */
export async function runYargs(
  ctx: CliContext,
  args: readonly string[],
  exitNow: (code: number) => void,
): Promise<number> {
  let exitCode = EXIT_OK;
  let failed = false;
  const runtime = { ctx, rawArgs: args, exitNow, setExitCode: (code: number) => (exitCode = code) };
  const parser = withOptions(yargs([...args]), GLOBAL_OPTIONS, 'Global options:', true)
    .scriptName(ctx.programName)
    .parserConfiguration({ 'boolean-negation': false, 'greedy-arrays': false })
    .usage(
      "$0 <command> [options]\n\nContainer stats for runc/crun, containerd, Docker, Podman, CRI-O and Kata containers, found on their own; kata-runtime events' bytes, and more.",
    )
    .command(commands(runtime))
    .completion('completion', 'print a bash/zsh completion script: katamon completion >> ~/.bashrc')
    .demandCommand(1, 'a command is required: events, list, top, doctor or completion')
    .recommendCommands()
    .strict()
    .version(CLI_VERSION)
    .help()
    .alias('help', 'h')
    .example('$0 events --stats <id>', 'one event, byte for byte what kata-runtime events --stats prints')
    .example('$0 top', 'live table of every running container')
    .example('$0 list', 'every container of every engine found: runc, containerd, Docker, Podman, CRI-O, Kata')
    .example('$0 doctor', 'what was looked for, found and skipped')
    .example('$0 --discover none --root /run/runc --root /run/k8s list', 'only these two runc state directories')
    .epilogue(ENVIRONMENT)
    .wrap(Math.min(120, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      // yargs may report several problems of one command line: the first one is the one to fix.
      if (failed) return;
      failed = true;
      ctx.writeStderr(
        `${message ?? (error instanceof Error ? error.message : String(error))}\nRun '${ctx.programName} --help' for usage.\n`,
      );
      exitCode = EXIT_FAILURE;
    });
  await parser.parseAsync();
  return exitCode;
}
