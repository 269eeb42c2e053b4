import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Streaming CPU per event of several subjects measured over the same window of time, side by side: on a
 * shared VM the cost of a wake-up and of a pread moves by tens of percent from one minute to the next, so
 * subjects measured one after the other compare machine states as much as programs. Each child writes its
 * events to a file (nothing in this process reads them during the window); CPU is the child's utime + stime
 * from /proc/<pid>/stat, events are its output lines.
 */

export interface ChildSubject {
  name: string;
  command: string;
  args: readonly string[];
}

/** A subject running in this process (e.g. a source loop): CPU ms used and events emitted so far. */
export interface InProcessSubject {
  name: string;
  snapshot(): { cpuMs: number; events: number };
}

export interface WindowFigure {
  name: string;
  cpuMsPerEvent: number;
  events: number;
}

const CLK_TCK = 100;

function childCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

/**
 * Lines written so far to a child's output file, counted from where the last count stopped: the file grows
 * by ≈ 180 KB/s (runc's events), and reading all of it at each snapshot cost tens of ms by the late windows.
 */
class LineCounter {
  readonly #fd: number;
  #offset = 0;
  #lines = 0;
  readonly #chunk = Buffer.allocUnsafe(1 << 16);

  constructor(file: string) {
    this.#fd = openSync(file, 'r');
  }

  count(): number {
    for (let n; (n = readSync(this.#fd, this.#chunk, 0, this.#chunk.length, this.#offset)) > 0; ) {
      this.#offset += n;
      const read = this.#chunk.subarray(0, n);
      for (let i = read.indexOf(10); i >= 0; i = read.indexOf(10, i + 1)) this.#lines++;
    }
    return this.#lines;
  }

  close(): void {
    closeSync(this.#fd);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A window of a stream's life: from `fromSeconds` after the children started, for `seconds`. */
export interface StreamWindow {
  fromSeconds: number;
  seconds: number;
}

/**
 * The CLI benches' windows: after 3 s and 15 s (8 s each: the way to the steady state), then three of
 * `seconds` from `steadyFrom` on, whose median is the steady state of a long-running stream.
 */
export function streamWindows(steadyFrom: number, seconds: number): (StreamWindow & { label: string })[] {
  return [
    { label: 'from 3 s', fromSeconds: 3, seconds: 8 },
    { label: 'from 15 s', fromSeconds: 15, seconds: 8 },
    ...[0, 1, 2].map((k) => ({
      label: `steady, from ${steadyFrom + k * seconds} s`,
      fromSeconds: steadyFrom + k * seconds,
      seconds,
    })),
  ];
}

/**
 * Starts every child, then measures every subject over the same windows of the children's life (in order,
 * not overlapping): how the cost per event moves while a stream runs, e.g. as V8 optimises its code; a
 * window late enough is the steady state of a long-running stream. In-process subjects must already be
 * running when this is called.
 */
export async function cpuPerEventInWindows(
  children: readonly ChildSubject[],
  windows: readonly StreamWindow[],
  inProcess: readonly InProcessSubject[] = [],
): Promise<WindowFigure[][]> {
  const dir = mkdtempSync(join(tmpdir(), 'katamon-window-'));
  const running: { subject: ChildSubject; child: ChildProcess; lines: LineCounter }[] = [];
  try {
    const started = Date.now();
    for (const subject of children) {
      const out = join(dir, `${running.length}.out`);
      const fd = openSync(out, 'w');
      const child = spawn(subject.command, subject.args, { stdio: ['ignore', fd, 'ignore'] });
      closeSync(fd);
      running.push({ subject, child, lines: new LineCounter(out) });
    }
    // This process's own bookkeeping (reading /proc and the children's output) must fall outside the window
    // of the in-process subjects, whose CPU is this process's: they are read last at its start and first at
    // its end.
    const childSnapshots = () =>
      running.map((r) => ({ cpuMs: childCpuMs(r.child.pid as number), events: r.lines.count() }));
    const ownSubjects = () => inProcess.map((s) => s.snapshot());
    const snap = (ownFirst: boolean) => {
      const own = ownFirst ? ownSubjects() : undefined;
      const c = childSnapshots();
      return [...c, ...(own ?? ownSubjects())];
    };
    const names = [...running.map((r) => r.subject.name), ...inProcess.map((s) => s.name)];
    const figures: WindowFigure[][] = [];
    for (const window of windows) {
      await sleep(Math.max(0, started + window.fromSeconds * 1000 - Date.now()));
      const before = snap(false);
      await sleep(window.seconds * 1000);
      const after = snap(true);
      figures.push(
        names.map((name, i) => {
          const events = (after[i]?.events ?? 0) - (before[i]?.events ?? 0);
          if (events <= 0) throw new Error(`${name} emitted no events during the window`);
          return { name, events, cpuMsPerEvent: ((after[i]?.cpuMs ?? 0) - (before[i]?.cpuMs ?? 0)) / events };
        }),
      );
    }
    return figures;
  } finally {
    for (const r of running) {
      r.child.kill('SIGKILL');
      r.lines.close();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
