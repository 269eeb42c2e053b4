import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { KataAgentError } from '../errors/kata-agent-error.js';

/** The `katamon_vsock` N-API addon (see native/vsock.c). */
export interface VsockAddon {
  connect(cid: number, port: number, timeoutMs: number): Promise<number>;
  placeholder(): number;
  adopt(targetFd: number, fd: number): void;
  closeFd(fd: number): void;
  socketPair(): [number, number];
}

const require = createRequire(import.meta.url);
const run = promisify(execFile);
const ADDON_FILE = 'katamon_vsock.node';

/**
 * The package's `native/` directory: next to this module (src/ or dist/), or, when bundled into an app,
 * wherever `@katamon/kata-agent` resolves from the bundle.
 */
function nativeSourceDir(): string | undefined {
  const candidates = [join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'native')];
  try {
    candidates.push(join(dirname(require.resolve('@katamon/kata-agent/package.json')), 'native'));
  } catch {
    // not installed as a package: only the relative location applies
  }
  return candidates.find((dir) => existsSync(join(dir, 'vsock.c')));
}

/** Cache location per Node ABI, so a Node upgrade rebuilds instead of loading an incompatible binary. */
export function vsockAddonCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env['KATAMON_NATIVE_CACHE'] ?? join(env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'katamon', 'native');
  return join(base, `${process.platform}-${process.arch}-abi${process.versions.modules}`);
}

let loading: Promise<VsockAddon> | undefined;

/**
 * Loads the addon: the package's own build (`npm run build:native -w @katamon/kata-agent`), else the cache,
 * else builds it once with node-gyp into the cache. Needs a C compiler and Node headers only the first time.
 */
export function loadVsockAddon(): Promise<VsockAddon> {
  loading ??= locateOrBuild().catch((err: unknown) => {
    loading = undefined;
    throw err;
  });
  return loading;
}

async function locateOrBuild(): Promise<VsockAddon> {
  const source = nativeSourceDir();
  const cached = join(vsockAddonCacheDir(), ADDON_FILE);
  const candidates = [...(source === undefined ? [] : [join(source, 'build', 'Release', ADDON_FILE)]), cached];
  for (const candidate of candidates) if (existsSync(candidate)) return require(candidate) as VsockAddon;
  if (source === undefined) {
    throw new KataAgentError(
      'unsupported',
      `AF_VSOCK addon not built and its sources (native/vsock.c) not found; build it into ${cached}`,
    );
  }
  await buildInto(source, cached);
  return require(cached) as VsockAddon;
}

async function buildInto(source: string, target: string): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'katamon-vsock-'));
  try {
    await cp(source, work, { recursive: true, filter: (src) => !src.includes(join('native', 'build')) });
    const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
    // Headers of the running Node (installed with it) keep the build offline.
    const nodedir = join(dirname(process.execPath), '..');
    const args = [nodeGyp, 'rebuild', '--silent'];
    if (existsSync(join(nodedir, 'include', 'node', 'node_api.h'))) args.push(`--nodedir=${nodedir}`);
    await run(process.execPath, args, { cwd: work, timeout: 180_000 });
    await mkdir(dirname(target), { recursive: true });
    const staged = `${target}.${process.pid}.tmp`;
    await copyFile(join(work, 'build', 'Release', ADDON_FILE), staged);
    await rename(staged, target); // atomic: concurrent builders never load a half-written file
  } catch (err) {
    throw new KataAgentError('unsupported', `cannot build the AF_VSOCK addon: ${(err as Error).message}`, {
      cause: err,
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
