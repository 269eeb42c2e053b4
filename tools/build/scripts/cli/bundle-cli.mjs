// Bundles the CLI straight from the workspace sources (the `@katamon/source` export condition) into `outDir`:
//   katamon.payload.js  the program, one CommonJS function expression (esbuild; payload-format.cjs);
//   katamon.events.js   the same program without what only other commands run (yargs and its commands,
//                       completion): what `katamon events …` loads;
//   katamon.cjs         the `katamon` bin, cli-loader.cjs bundled: it compiles a payload through vm.Script with a
//                       V8 code cache made by the first run.
// On Node 20 an ES module is parsed and compiled on every start (no compile cache), and that was about a third
// of `events --stats`; an ES module entry also starts the ES module loader.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { programDefines, replaceFile, SOURCE_BUILD_OPTIONS, workspace } from '../bundle-options.mjs';

const require = createRequire(import.meta.url);
const { formatPayload, PARAMETERS } = require('./payload-format.cjs');
const here = dirname(fileURLToPath(import.meta.url));
const appDir = join(workspace, 'apps', 'cli');

/**
 * Every `import … from 'node:…'` becomes a CommonJS require that runs when the module that needs it first
 * runs (esbuild initialises modules reached through `import()` lazily), so `events --stats` does not load
 * http, net and child_process for code it never runs.
 *
 * An `import` gets an ES module shim that names the built-in's exports (its data properties, listed from this
 * Node at build time): esbuild binds an importer straight to those. A CommonJS shim instead would be wrapped
 * by esbuild's `__toESM` in every importing module, copying each of the built-in's ~100 properties into
 * getters there: that was ≈ 4.5 ms and a third of the young-generation garbage of `events --stats`.
 * Accessor properties (`fs.promises`, which loads fs/promises) are not listed, so importing one fails the
 * build. A `require()` (dependencies' CommonJS) gets the built-in itself.
 */
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      // The shim's own require stays a real runtime require.
      if (args.namespace === 'lazy-builtin' || args.namespace === 'lazy-builtin-esm')
        return { path: args.path, external: true };
      if (!builtinModules.includes(name)) return undefined;
      const esm = args.kind === 'import-statement' && deferredBuiltins[`node:${name}`] === undefined;
      return { path: `node:${name}`, namespace: esm ? 'lazy-builtin-esm' : 'lazy-builtin' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: deferredBuiltins[args.path] ?? `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin-esm' }, (args) => ({
      contents: builtinShim(args.path),
      loader: 'js',
    }));
  },
};

/**
 * `export const name = pick("name")` for each data property of the built-in, and `export default m`. Each read is
 * a pure call (one small function per built-in, so start-up compiles no more), and esbuild drops the names
 * nothing imports: the program reads only what it uses, never a name a
 * later Node deprecates behind a getter (Node 24's `fs.F_OK` warns when read).
 */
function builtinShim(specifier) {
  const real = require(specifier);
  const names = Object.entries(Object.getOwnPropertyDescriptors(real))
    .filter(([name, d]) => 'value' in d && d.enumerable && /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default')
    .map(([name]) => name);
  return (
    `const m = require(${JSON.stringify(specifier)});\nconst pick = (name) => m[name];\nexport default m;\n` +
    names.map((name) => `export const ${name} = /* @__PURE__ */ pick(${JSON.stringify(name)});\n`).join('')
  );
}

/**
 * Built-ins whose functions are only called on rare paths of modules that load on the hot path: required
 * at the first call instead. child_process (which loads net, dgram and streams) is imported by the netns
 * source for its fallback helper only; node:module (which loads Node's ES module loader and source maps) by
 * plugin loading for npm package names only. An import of anything else from them fails the build.
 */
const deferredBuiltins = Object.fromEntries(
  Object.entries({
    'node:child_process': ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'exec', 'execSync', 'fork'],
    'node:module': ['createRequire'],
  }).map(([name, functions]) => [
    name,
    `let m; const load = () => (m ??= require(${JSON.stringify(name)}));\n` +
      // util.promisify(execFile) must still find the original's custom form ({ stdout, stderr }).
      "const custom = Symbol.for('nodejs.util.promisify.custom');\n" +
      functions
        .map(
          (f) =>
            `export function ${f}(...args) { return load().${f}(...args); }\n` +
            `Object.defineProperty(${f}, custom, { get: () => load().${f}[custom] });\n`,
        )
        .join(''),
  ]),
);

/**
 * CommonJS functions (a package's default export) that modules on the hot path import but rarely call:
 * bundled as a function that requires the package's module at its first call (esbuild initialises a
 * CommonJS module where `require` runs). semver: composition checks first-party `^x.y.z` ranges itself,
 * and semver's modules (dozens of regular expressions built at load) run only for other ranges.
 */
const deferredDefaults = /^semver\/(functions|ranges)\/[a-z-]+\.js$/;
const deferCommonJs = {
  name: 'defer-commonjs',
  setup(b) {
    b.onResolve({ filter: deferredDefaults }, (args) =>
      args.namespace === 'deferred-cjs'
        ? undefined
        : { path: args.path, namespace: 'deferred-cjs', pluginData: args.resolveDir },
    );
    b.onLoad({ filter: /.*/, namespace: 'deferred-cjs' }, (args) => ({
      contents: `export default function (...args) { return require(${JSON.stringify(args.path)})(...args); }`,
      resolveDir: args.pluginData,
      loader: 'js',
    }));
  },
};

/**
 * The events payload: run-cli.ts' two imports of what only the other commands need (yargs with every command,
 * and shell completion) become stubs that hand the run to the whole program (the loader compiles and runs
 * katamon.payload.js with the same arguments, before anything was printed). The events path then neither
 * reads nor deserialises yargs and the other commands: 123 KB less payload, ≈ 4–5 ms less `events --stats`.
 */
const eventsOnly = {
  name: 'events-only',
  setup(b) {
    b.onResolve({ filter: /^\.\/(commands\/run-yargs|completion\/complete-container-ids)\.js$/ }, (args) =>
      args.importer.endsWith(`${join('src', 'run-cli.ts')}`)
        ? { path: args.path, namespace: 'events-only' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'events-only' }, () => ({
      contents: `export const runYargs = () => ${PARAMETERS.full}();\nexport const completeContainerIds = () => ${PARAMETERS.full}();\n`,
      loader: 'js',
    }));
  },
};

/** One payload (payload-format.cjs): the program as one function expression, its build named on line one. */
async function payloadOf(outfile, extraPlugins) {
  const result = await build({
    ...SOURCE_BUILD_OPTIONS,
    entryPoints: [join(appDir, 'src', 'bin.ts')],
    outfile,
    format: 'cjs',
    minify: true,
    // No keepNames: its `__name()` call after each of ≈ 1 200 functions allocated ≈ 200 KB at start-up and cost
    // ≈ 7 ms of `events --stats` (a young-generation collection). Nothing reads a function's `.name` (errors
    // name themselves); the price is minified names in an internal error's stack trace.
    keepNames: false,
    charset: 'ascii',
    // The program's URL, and what a vm.Script lacks (import.meta, import()), are the loader's (payload-format).
    define: {
      ...programDefines(PARAMETERS.url),
      'import.meta.url': PARAMETERS.url,
      KATAMON_IMPORT: PARAMETERS.import,
    },
    write: false,
    plugins: [...extraPlugins, lazyBuiltins, deferCommonJs],
  });
  const program = result.outputFiles.find((f) => f.path === outfile).text;
  const payload = formatPayload(program, (body) => createHash('sha256').update(body).digest('hex').slice(0, 16));
  if (Buffer.byteLength(payload) !== payload.length)
    throw new Error('the payload is not ASCII (the loader reads it as latin1)');
  return payload;
}

/** The bin: cli-loader.cjs with payload-format.cjs, one CommonJS file. */
async function loaderOf() {
  const result = await build({
    entryPoints: [join(here, 'cli-loader.cjs')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: SOURCE_BUILD_OPTIONS.target,
    write: false,
    legalComments: 'none',
    logLevel: 'warning',
    banner: {
      js: '#!/usr/bin/env node\n// katamon CLI (tools/build/scripts/cli/cli-loader.cjs, bundled): do not edit.',
    },
  });
  return result.outputFiles[0].text;
}

/**
 * Writes the CLI's three files into `outDir`, payloads first, each written then renamed: a CLI started while
 * this runs (tests in parallel) never reads half a file, and a loader of either build runs either payload (the
 * cache is keyed by the payload's own line).
 */
export async function bundleCli(outDir) {
  const bin = join(outDir, 'katamon.cjs');
  const payload = await payloadOf(bin, []);
  const eventsPayload = await payloadOf(bin, [eventsOnly]);
  if (/\by18n\b|yargs-parser/.test(eventsPayload)) throw new Error('the events payload still holds yargs');
  const loader = await loaderOf();
  await replaceFile(join(outDir, 'katamon.payload.js'), payload, 0o644);
  await replaceFile(join(outDir, 'katamon.events.js'), eventsPayload, 0o644);
  await replaceFile(bin, loader, 0o755);
  return { bin, bytes: payload.length + eventsPayload.length + loader.length };
}
