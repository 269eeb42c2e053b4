import yargs from 'yargs';
import type { CliContext } from '../cli-context.js';
import { checkCommandLine } from '../args/check-command-line.js';
import { goBoolFlags } from '../args/go-bool-flags.js';
import { EVENTS_OPTIONS, GLOBAL_OPTIONS, LIST_OPTIONS, TOP_OPTIONS } from '../options/option-specs.js';
import { EXIT_FAILURE, EXIT_OK } from '../process/exit-codes.js';
import { CLI_VERSION } from '../version.js';
import { commands } from './commands.js';
import { withOptions } from './shared-options.js';

const ENVIRONMENT = [
  'Environment: KATAMON_ROOT, KATAMON_CRUN_ROOT, KATAMON_KATA_ROOT, KATAMON_PLUGINS (":"-separated lists), KATAMON_CGROUP_ROOT, KATAMON_PROC_ROOT, KATAMON_DISCOVER, KATAMON_CONTAINERD_ROOT, KATAMON_CONTAINERD_STATE, KATAMON_DOCKER_EXEC_ROOT, KATAMON_DOCKER_DATA_ROOT, KATAMON_PODMAN_ROOT, KATAMON_LOG_LEVEL, KATAMON_LOG_FORMAT. Flags win over them.',
  'Exit status: 0 success, also a stream whose containers all went away and a reader that closed the pipe; 1 error (usage errors too), as kata-runtime; 70 internal error; 78 a plugin failed where the command needed it; 130/143 a stream stopped by SIGINT/SIGTERM.',
].join('\n\n');

/** Everything but the `events` hot path: help, version, completion, list, top. */
export async function runYargs(
  ctx: CliContext,
  args: readonly string[],
  exitNow: (code: number) => void,
): Promise<number> {
  let exitCode = EXIT_OK;
  let argv: string[];
  try {
    checkCommandLine(args);
    argv = goBoolFlags(args, [...GLOBAL_OPTIONS, ...EVENTS_OPTIONS, ...TOP_OPTIONS, ...LIST_OPTIONS]);
  } catch (error) {
    return usage(ctx, error instanceof Error ? error.message : String(error));
  }
  const runtime = { ctx, rawArgs: args, exitNow, setExitCode: (code: number) => (exitCode = code) };
  const parser = withOptions(yargs(argv), GLOBAL_OPTIONS, 'Global options:', true)
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
      // Thrown, not just reported: yargs runs the command's handler after a fail callback that returns.
      // One line (yargs writes "Invalid values:" and each value on lines of their own).
      const text = message ?? (error instanceof Error ? error.message : String(error));
      throw new UsageFailure(text.replace(/\s*\n\s*/g, ' '));
    });
  try {
    await parser.parseAsync();
  } catch (error) {
    if (!(error instanceof UsageFailure)) throw error;
    // yargs may find several problems in one command line: the first one is the one to fix.
    return usage(ctx, error.message);
  }
  return exitCode;
}

function usage(ctx: CliContext, message: string): number {
  ctx.writeStderr(`${message}\nRun '${ctx.programName} --help' for usage.\n`);
  return EXIT_FAILURE;
}

/** A command line yargs refused (unknown flag or command, bad choice, missing value): the usage exit status. */
class UsageFailure extends Error {}
