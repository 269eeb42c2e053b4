import { isLive, namesOf } from '@katamon/core';
import { parseGoFlags } from '../args/parse-go-flags.js';
import { splitCommand } from '../args/split-command.js';
import type { CliContext } from '../cli-context.js';
import { GLOBAL_OPTIONS } from '../options/option-specs.js';
import { createStderrLogger } from '../output/stderr-logger.js';
import { resolveGlobalSettings } from '../settings/global-settings.js';

/** Commands whose positional arguments are container ids. */
const ID_COMMANDS = new Set(['events', 'top']);

/**
 * Shell completion of container ids. `words` are the words of the line after the program name, the last one
 * being completed. After `events` or `top`, a word that is not a flag completes to the ids and names (with that prefix)
 * of the containers katamon can see that are not stopped, honouring the global flags before the command
 * (`--root …`) and their environment variables. Undefined when the word is not an id (yargs completes
 * commands and flags then). Completion never prints an error: a problem gives no ids.
 */
export async function completeContainerIds(ctx: CliContext, words: readonly string[]): Promise<string[] | undefined> {
  const current = words.at(-1) ?? '';
  const split = splitCommand(words.slice(0, -1));
  if (current.startsWith('-') || split.command === undefined || !ID_COMMANDS.has(split.command)) return undefined;
  try {
    const flags = Object.fromEntries(parseGoFlags(split.leading, GLOBAL_OPTIONS).values);
    const settings = resolveGlobalSettings(flags, ctx.env);
    const silent = createStderrLogger({ level: 'error', format: 'text', write: () => undefined });
    const katamon = await ctx.createKatamon(settings, silent, { network: false });
    try {
      const words = new Set<string>();
      for (const ref of await katamon.list()) {
        if (!isLive(ref)) continue;
        for (const word of [ref.id, ...namesOf(ref)]) if (word.startsWith(current)) words.add(word);
      }
      return [...words];
    } finally {
      await katamon.close();
    }
  } catch {
    return [];
  }
}
