import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The URL of the bundled server (`dist/katamon/katamon-server.mjs`), defined by the build
 * (tools/build/scripts/bundle-options.mjs); undefined when running from the sources.
 */
declare const KATAMON_PROGRAM_URL: string | undefined;

export interface DashboardAsset {
  type: string;
  body: Buffer;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
/** Route path → file name and type; uPlot's two files come from its package, never a CDN. */
const ASSETS: readonly (readonly [route: string, file: string, type: string])[] = [
  ['/', 'index.html', 'text/html; charset=utf-8'],
  ['/ui/dashboard.js', 'dashboard.js', JS],
  ['/ui/dashboard.css', 'dashboard.css', CSS],
  ['/ui/uPlot.iife.min.js', 'uPlot.iife.min.js', JS],
  ['/ui/uPlot.min.css', 'uPlot.min.css', CSS],
];
/** The files a build copies into its `dashboard/`, uPlot's included (tools/build/scripts/build.mjs). */
export const DASHBOARD_FILES: readonly string[] = ASSETS.map(([, file]) => file);

/** Where a file is: `dashboard/` beside a build; from the sources, the app's `dashboard/` and uPlot's package. */
function locate(file: string): URL | string {
  if (typeof KATAMON_PROGRAM_URL === 'string') return new URL(`dashboard/${file}`, KATAMON_PROGRAM_URL);
  if (file.startsWith('uPlot.')) return createRequire(import.meta.url).resolve(`uplot/dist/${file}`);
  return new URL(`../../dashboard/${file}`, import.meta.url);
}

/** The dashboard's files by route path, read once at start (a missing one fails the start, naming it). */
export function loadDashboardAssets(): Map<string, DashboardAsset> {
  return new Map(ASSETS.map(([route, file, type]) => [route, { type, body: readFileSync(locate(file)) }]));
}
