#!/usr/bin/env node
// `npm run build`: dist/katamon/, everything katamon needs beside a Node ≥ 20 (see ../README.md):
//   katamon.cjs, katamon.payload.js, katamon.events.js   the CLI (cli/bundle-cli.mjs)
//   katamon-server.mjs                                   the server (bundle-server.mjs)
//   dashboard/                                           the server's page, its script and style, uPlot
//   native/katamon_sysfs.node, native/katamon_vsock.node the addons, compiled here for this machine
//   build.json                                           what was built, with which Node, for which platform
// Options: --out DIR (default dist/katamon), --if-stale (do nothing when the build is newer than every source).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { replaceFile, workspace } from './bundle-options.mjs';
import { bundleServer } from './bundle-server.mjs';
import { bundleCli } from './cli/bundle-cli.mjs';
import { ADDONS, buildAddon } from './native-addons.mjs';

export const DEFAULT_OUT = join(workspace, 'dist', 'katamon');
/** What a build is made of: a file newer than the build's build.json makes it stale. */
const SOURCES = [
  'apps/cli/src',
  'apps/server/src',
  'apps/server/dashboard',
  'packages',
  'tools/build/scripts',
  'package-lock.json',
];

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let time = 0;
  for (const entry of readdirSync(path)) {
    if (['node_modules', 'dist', 'out-tsc'].includes(entry) || entry.startsWith('.')) continue;
    time = Math.max(time, newest(join(path, entry)));
  }
  return time;
}

/** Whether `out` holds a build newer than every source (native builds included). */
export function isCurrent(out = DEFAULT_OUT) {
  const stamp = join(out, 'build.json');
  if (!existsSync(stamp)) return false;
  const built = statSync(stamp).mtimeMs;
  return SOURCES.every((dir) => newest(join(workspace, dir)) <= built);
}

/** Builds dist/katamon/ (or `out`); each file is replaced whole, so a program started meanwhile runs. */
export async function buildDist(out = DEFAULT_OUT) {
  // Compiled for this machine, once per change of their sources (npm ci's postinstall compiled them already).
  const native = join(out, 'native');
  for (const addon of ADDONS)
    await replaceFile(join(native, `${addon.name}.node`), readFileSync(buildAddon(addon, { ifStale: true })), 0o755);
  const cli = await bundleCli(out);
  const server = await bundleServer(out);
  // The page's own files and uPlot's two (apps/server/src/routes/dashboard-assets.ts serves them from here).
  const page = join(workspace, 'apps', 'server', 'dashboard');
  const uplot = dirname(createRequire(import.meta.url).resolve('uplot/dist/uPlot.iife.min.js'));
  const assets = [
    ...readdirSync(page).map((f) => join(page, f)),
    ...['uPlot.iife.min.js', 'uPlot.min.css'].map((f) => join(uplot, f)),
  ];
  for (const file of assets) await replaceFile(join(out, 'dashboard', basename(file)), readFileSync(file), 0o644);
  const stamp = {
    builtWith: process.version,
    platform: process.platform,
    arch: process.arch,
    node: JSON.parse(readFileSync(join(workspace, 'package.json'), 'utf8')).engines.node,
    native: ADDONS.map((a) => `native/${a.name}.node`),
  };
  await replaceFile(join(out, 'build.json'), `${JSON.stringify(stamp, null, 2)}\n`, 0o644);
  return { out, cli, server };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const at = process.argv.indexOf('--out');
  const out = at > 0 ? process.argv[at + 1] : DEFAULT_OUT;
  if (process.argv.includes('--if-stale') && isCurrent(out)) process.exit(0);
  const { cli, server } = await buildDist(out);
  const kib = (n) => `${Math.round(n / 1024)} KiB`;
  console.log(
    `${relative(process.cwd(), out) || '.'}: CLI ${kib(cli.bytes)}, server ${kib(server.bytes)}, native, dashboard`,
  );
}
