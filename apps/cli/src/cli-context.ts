import type { Katamon, Logger } from '@katamon/core';
import type { GlobalSettings } from './settings/global-settings.js';

/** What the command's output prints, so sources whose data it never prints are not loaded. */
export interface KatamonNeeds {
  /** Namespace network statistics (interfaces, TCP/UDP sockets); default true. */
  network?: boolean;
}

/** Everything the commands touch outside themselves; `bin.ts` passes the real process, tests pass fakes. */
export interface CliContext {
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  /**
   * stdout's descriptor, written directly (writeSync) by commands that print lines; `stdout` is then only
   * touched when that descriptor would block. Tests leave it out and capture `stdout`.
   */
  stdoutFd?: number;
  writeStderr(text: string): void;
  /** Builds the application facade (lazily imports the composition root and plugins). */
  createKatamon(settings: GlobalSettings, logger: Logger, needs?: KatamonNeeds): Promise<Katamon>;
  /** Where SIGINT/SIGTERM come from. */
  signals: NodeJS.EventEmitter;
  /** The program name for help texts. */
  programName: string;
}
