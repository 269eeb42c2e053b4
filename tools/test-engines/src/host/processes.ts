import { readFileSync, readdirSync } from 'node:fs';

/**
 * The start time (clock ticks since boot, field 22 of /proc/<pid>/stat) identifies a process across pid
 * reuse: a recorded pid is only signalled while its start time still matches.
 */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm (field 2) may hold spaces and parentheses: the fields after it start past the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Alive and not a zombie. */
export function processAlive(pid: number, startTime?: string): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[0] !== 'Z' && (startTime === undefined || fields[19] === startTime);
  } catch {
    return false;
  }
}

export interface HostProcess {
  readonly pid: number;
  readonly argv: readonly string[];
}

function scanProcesses(file: 'cmdline' | 'comm', match: (content: string) => boolean): HostProcess[] {
  const found: HostProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      if (!match(readFileSync(`/proc/${pid}/${file}`, 'utf8'))) continue;
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (processAlive(pid)) found.push({ pid, argv });
    } catch {
      // exited while we looked
    }
  }
  return found;
}

/** Every process whose command line contains `needle` (shims, conmon, daemons naming a private dir). */
export function processesMentioning(needle: string): HostProcess[] {
  return scanProcesses('cmdline', (cmdline) => cmdline.includes(needle));
}

/** Every process whose name (`comm`, 15 characters at most) is `name`. */
export function processesNamed(name: string): HostProcess[] {
  return scanProcesses('comm', (comm) => comm.trimEnd() === name.slice(0, 15));
}

export function signalProcess(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}
