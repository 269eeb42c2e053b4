import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The Go program beside this file, built once into a temp dir with the installed toolchain, offline. */
export interface GoReference {
  /** `go version` of the toolchain that built it. */
  version: string;
  /** Runs one mode over many input lines at once; returns one output line per input line. */
  run(mode: 'kata' | 'runc' | 'duration', lines: readonly string[]): string[];
  dispose(): void;
}

const source = join(import.meta.dirname, 'go');

export function buildGoReference(): GoReference {
  const dir = mkdtempSync(join(tmpdir(), 'katamon-goref-'));
  const env = {
    ...process.env,
    GOPATH: join(dir, 'gopath'),
    GOCACHE: join(dir, 'cache'),
    GOPROXY: 'off',
    GOFLAGS: '-mod=mod',
    GOTOOLCHAIN: 'local',
    CGO_ENABLED: '0',
  };
  const bin = join(dir, 'goreference');
  execFileSync('go', ['build', '-o', bin, '.'], { cwd: source, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const version = execFileSync('go', ['version'], { env, encoding: 'utf8' }).trim();
  return {
    version,
    run(mode, lines) {
      const out = execFileSync(bin, [mode], {
        input: lines.join('\n') + '\n',
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      });
      const result = out.split('\n');
      result.pop(); // after the last newline
      return result;
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The neutral form the Go program reads: the model's own field names, counters as decimal strings,
 * floats as strings (so `-0` survives), Maps as arrays of [key, value] pairs (so keys keep lone
 * surrogates, which JSON.stringify writes as `\udXXX` escapes).
 */
export function toNeutralJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'number' && Object.is(v, -0)) return '-0';
    if (v instanceof Map) return [...v.entries()];
    return v;
  });
}
