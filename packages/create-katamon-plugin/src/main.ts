import { relative } from 'node:path';
import { generatePlugin, ownVersion } from './generate-plugin.js';

const USAGE = `usage: create-katamon-plugin <directory> [--name <npm name>]
       npm init katamon-plugin <directory> [-- --name <npm name>]

Writes a katamon plugin project into <directory> (new or empty): a resolver, a source, their
conformance tests (vitest), a tsc build and a README. The npm name defaults to the directory's name.`;

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

/** The command line; returns the exit status (0 done, 1 could not generate, 2 usage error). */
export function main(args: readonly string[], io: Io, cwd = process.cwd()): number {
  const positional: string[] = [];
  let name: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--help' || arg === '-h') return (io.out(USAGE), 0);
    if (arg === '--version') return (io.out(ownVersion()), 0);
    if (arg === '--name' && i + 1 < args.length) name = args[++i];
    else if (arg.startsWith('--name=')) name = arg.slice('--name='.length);
    else if (arg.startsWith('-')) return (io.err(`unknown option ${arg}\n${USAGE}`), 2);
    else positional.push(arg);
  }
  if (positional.length !== 1) return (io.err(USAGE), 2);
  const dir = positional[0] as string;
  try {
    const files = generatePlugin({ dir, ...(name === undefined ? {} : { name }) });
    const shown = relative(cwd, dir) || '.';
    io.out(`created ${shown}: ${files.join(', ')}`);
    io.out(`next: cd ${shown} && npm install && npm test && npm run build`);
    return 0;
  } catch (error) {
    io.err(`create-katamon-plugin: ${(error as Error).message}`);
    return 1;
  }
}
