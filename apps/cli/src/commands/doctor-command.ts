import type { Argv, CommandModule } from 'yargs';
import { diagnoseKatamon } from '@katamon/core';
import { DOCTOR_OPTIONS } from '../options/option-specs.js';
import { runCommand } from '../process/run-command.js';
import type { CommandRuntime } from './command-runtime.js';
import { withOptions } from './shared-options.js';

interface DoctorArgs {
  format?: 'table' | 'json';
}

export function doctorCommand(runtime: CommandRuntime): CommandModule<object, DoctorArgs> {
  return {
    command: 'doctor',
    describe: 'what katamon looked for on this host, what it found, why it skipped the rest, what it could not read',
    builder: (argv: Argv) =>
      withOptions(argv, DOCTOR_OPTIONS, 'Doctor options:')
        .example('$0 doctor', 'engines, their state roots, loaded plugins, unreadable containers')
        .example('$0 --discover none --root /run/k8s doctor', 'only the roots given')
        .example('$0 doctor --format json | jq .engines', 'the report as JSON') as unknown as Argv<DoctorArgs>,
    handler: async (args) => {
      const format = args.format ?? 'table';
      const code = await runCommand(
        runtime.ctx,
        args,
        async (scope) => {
          const report = await diagnoseKatamon(scope.katamon);
          if (format === 'json') scope.out.write(`${JSON.stringify(report)}\n`);
          else {
            const { renderDoctor } = await import('../doctor/render-doctor.js');
            scope.out.write(renderDoctor(report));
          }
        },
        runtime.exitNow,
        { network: false },
      );
      runtime.setExitCode(code);
    },
  };
}
