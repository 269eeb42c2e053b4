// Bundles the CLI into one ESM file, apps/cli/dist/katamon.mjs, straight from the workspace sources
// (the `@katamon/source` export condition), so a fresh clone needs only `npm ci` and this script.
import { build } from 'esbuild';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const workspace = join(appDir, '..', '..');
const outfile = join(appDir, 'dist', 'katamon.mjs');

/**
 * Workspace modules that find files next to themselves (the vsock addon's C source, JSON Schemas) keep
 * their own location: `import.meta.url` becomes their source path relative to the bundle.
 */
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(b) {
    b.onLoad({ filter: /[/\\](packages|apps)[/\\].*[/\\]src[/\\].*\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const rel = relative(dirname(outfile), args.path).split('\\').join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

/**
 * ESM output hoists every `import … from 'node:…'` to the top of the file, so `events --stats` would load
 * http, net and child_process for code it never runs. As CommonJS requires they load when the module
 * that needs them first runs (esbuild initialises modules reached through `import()` lazily).
 */
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      // The shim's own require stays a real runtime require.
      if (args.namespace === 'lazy-builtin') return { path: args.path, external: true };
      return builtinModules.includes(name) ? { path: `node:${name}`, namespace: 'lazy-builtin' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

const result = await build({
  entryPoints: [join(appDir, 'src', 'bin.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  conditions: ['@katamon/source'],
  mainFields: ['module', 'main'],
  minify: true,
  keepNames: true,
  legalComments: 'none',
  metafile: true,
  write: false,
  logLevel: 'warning',
  plugins: [keepModuleUrls, lazyBuiltins],
  banner: {
    // CommonJS dependencies inside an ESM bundle still call require().
    js: "#!/usr/bin/env node\nimport { createRequire as __katamonCreateRequire } from 'node:module';\nconst require = __katamonCreateRequire(import.meta.url);",
  },
});
// Written then renamed: a CLI started while this runs (tests in parallel) never reads half a file.
const output = result.outputFiles.find((f) => f.path === outfile);
await mkdir(dirname(outfile), { recursive: true });
const staged = `${outfile}.${process.pid}.tmp`;
await writeFile(staged, output.contents);
await chmod(staged, 0o755);
await rename(staged, outfile);
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(`${relative(workspace, outfile)}: ${(bytes / 1024).toFixed(0)} KiB`);
