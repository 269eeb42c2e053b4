import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `katamon_sysfs` N-API addon (native/pread_batch.c): many preads at offset 0 in one call. */
export interface BatchReadAddon {
  /**
   * Reads file i (descriptor `fds[i]`) into `buffer` after file i-1's bytes: `out[2i]` is its start,
   * `out[2i+1]` its length, -errno, or -ENOBUFS when it filled the rest of the buffer.
   */
  readBatch(fds: Int32Array, buffer: Buffer, out: Int32Array): void;
}

export const ADDON_FILE = 'katamon_sysfs.node';
const require = createRequire(import.meta.url);

/** Where a build of the addon may be: the package's own `native/build`, then the per-ABI cache. */
export function batchAddonCandidates(
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  const dirs = [join(dirname(fileURLToPath(import.meta.url)), '..', 'native')];
  try {
    dirs.push(
      join(dirname(require.resolve('@katamon/sysfs/package.json')), 'native'),
    );
  } catch {
    // not installed as a package: the relative location is the only one
  }
  const cache =
    env['KATAMON_NATIVE_CACHE'] ??
    join(
      env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'),
      'katamon',
      'native',
    );
  return [
    ...dirs.map((dir) => join(dir, 'build', 'Release', ADDON_FILE)),
    join(
      cache,
      `${process.platform}-${process.arch}-abi${process.versions.modules}`,
      ADDON_FILE,
    ),
  ];
}

let loaded: { addon: BatchReadAddon | undefined } | undefined;

/**
 * The addon when it has been built (`npm run build:native -w @katamon/sysfs`, which `npm ci` runs when a C
 * compiler is there), else undefined and readers use `readSync` per file: the same bytes, more CPU.
 * `KATAMON_NATIVE=0` turns it off. Loaded once, synchronously (a reader's first sample may need it).
 */
export function loadBatchReadAddon(
  env: NodeJS.ProcessEnv = process.env,
): BatchReadAddon | undefined {
  if (env['KATAMON_NATIVE'] === '0') return undefined;
  if (loaded !== undefined) return loaded.addon;
  let addon: BatchReadAddon | undefined;
  for (const file of batchAddonCandidates(env)) {
    if (!existsSync(file)) continue;
    try {
      const candidate = require(file) as Partial<BatchReadAddon>;
      if (typeof candidate.readBatch === 'function') {
        addon = candidate as BatchReadAddon;
        break;
      }
    } catch {
      // Built for another Node ABI or architecture: try the next one, else read without it.
    }
  }
  loaded = { addon };
  return addon;
}
