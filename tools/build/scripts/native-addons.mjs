// The one build path of katamon's native addons (N-API, plain C): `npm ci` (postinstall, lenient) and
// `npm run build` (strict) both come here. Each addon is built with node-gyp, offline, into its package's
// `native/build/Release/`, where runs from the sources load it; build.mjs copies it into dist/katamon/native/.
// The build runs in a temporary copy and the result is renamed into place, so a process loading the addon
// meanwhile never sees a half-written or missing file.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const workspace = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * Every addon, and what runs without it (the loader, packages/sysfs/src/native-addon.ts, logs that once).
 * Node-API only (`node_api.h`), so one binary loads in every supported Node version.
 */
export const ADDONS = [
  {
    name: 'katamon_sysfs',
    dir: join(workspace, 'packages', 'sysfs', 'native'),
    sources: ['pread_batch.c', 'ring.c', 'ring.h', 'binding.gyp'],
  },
  {
    name: 'katamon_vsock',
    dir: join(workspace, 'packages', 'kata-agent', 'native'),
    sources: ['vsock.c', 'binding.gyp'],
  },
];

/** Where node-gyp leaves an addon in its package. */
export const builtAddon = (addon) => join(addon.dir, 'build', 'Release', `${addon.name}.node`);

/** Whether the addon's build is there and newer than each of its sources. */
export function isCurrent(addon) {
  const target = builtAddon(addon);
  if (!existsSync(target)) return false;
  const built = statSync(target).mtimeMs;
  return addon.sources.every((file) => statSync(join(addon.dir, file)).mtimeMs <= built);
}

/**
 * The running Node's headers, found offline: beside a Node installed under a prefix (`/usr`, a tarball), or
 * in the npm registry's `node` package (`npx -p node@24`), whose binary sits beside `node-<platform>-<arch>`;
 * else the `nodedir` npm is set to. Node-API headers from any supported Node build a binary every one loads.
 */
export function nodeHeaders() {
  const prefix = join(dirname(process.execPath), '..');
  const candidates = [
    prefix,
    join(prefix, 'node_modules', `node-${process.platform}-${process.arch}`),
    process.env.npm_config_nodedir,
    '/usr',
  ];
  return candidates.find((dir) => dir && existsSync(join(dir, 'include', 'node', 'node_api.h')));
}

/** Builds one addon (unless `ifStale` and it is current); throws with node-gyp's last lines on failure. */
export function buildAddon(addon, { ifStale = false } = {}) {
  if (ifStale && isCurrent(addon)) return builtAddon(addon);
  const work = mkdtempSync(join(tmpdir(), `${addon.name}-`));
  try {
    for (const file of addon.sources) cpSync(join(addon.dir, file), join(work, file));
    const nodeGyp = createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
    const headers = nodeHeaders();
    const args = [nodeGyp, 'rebuild', '--silent', ...(headers ? [`--nodedir=${headers}`] : [])];
    execFileSync(process.execPath, args, { cwd: work, stdio: ['ignore', 'ignore', 'pipe'], timeout: 180_000 });
    const target = builtAddon(addon);
    mkdirSync(dirname(target), { recursive: true });
    const staged = `${target}.${process.pid}.tmp`;
    copyFileSync(join(work, 'build', 'Release', `${addon.name}.node`), staged);
    renameSync(staged, target);
    return target;
  } catch (error) {
    const detail = String(error?.stderr?.length ? error.stderr : error)
      .trim()
      .split('\n')
      .slice(-3)
      .join(' | ');
    throw new Error(`cannot build the ${addon.name} addon: ${detail}`, { cause: error });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
