// Bundles the server into one ESM file, apps/server/dist/katamon-server.mjs, from the workspace sources
// (the `@katamon/source` export condition), so a fresh clone needs only `npm ci` and this script.
// fastify, pino and prom-client stay external: they resolve from node_modules beside the checkout.
import { build } from 'esbuild';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const workspace = join(appDir, '..', '..');
const outfile = join(appDir, 'dist', 'katamon-server.mjs');

/** Modules that find files next to themselves (dashboard assets, JSON Schemas, addons) keep their location. */
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(b) {
    b.onLoad({ filter: /[/\\](packages|apps)[/\\].*[/\\]src[/\\].*\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const rel = relative(dirname(outfile), args.path).split('\\').join('/');
      return {
        contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`),
        loader: 'ts',
      };
    });
  },
};

const result = await build({
  entryPoints: [join(appDir, 'src', 'main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  conditions: ['@katamon/source'],
  mainFields: ['module', 'main'],
  external: ['fastify', 'pino', 'prom-client', 'inversify', '@inversifyjs/*'],
  keepNames: true,
  legalComments: 'none',
  metafile: true,
  write: false,
  logLevel: 'warning',
  plugins: [keepModuleUrls],
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __katamonCreateRequire } from 'node:module';\nconst require = __katamonCreateRequire(import.meta.url);",
  },
});
const output = result.outputFiles.find((f) => f.path === outfile);
await mkdir(dirname(outfile), { recursive: true });
// Written then renamed: a server started while this runs (tests in parallel) never reads half a file.
const staged = `${outfile}.${process.pid}.tmp`;
await writeFile(staged, output.contents);
await chmod(staged, 0o755);
await rename(staged, outfile);
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(`${relative(workspace, outfile)}: ${(bytes / 1024).toFixed(0)} KiB`);
