// Bundles the CLI straight from the workspace sources (the `@katamon/source` export condition), so a fresh
// clone needs only `npm ci` and this script:
//   apps/cli/dist/katamon.payload.js  the program, one CommonJS function expression (esbuild);
//   apps/cli/dist/katamon.events.js   the same program without what only other commands run (yargs and its
//                                     commands, completion): what `katamon events …` loads;
//   apps/cli/dist/katamon.cjs         the `katamon` bin, a small CommonJS loader (loader.template.cjs) that
//                                     compiles a payload through vm.Script with a V8 code cache made by the
//                                     first run.
// On Node 20 an ES module is parsed and compiled on every start (no compile cache), and that was about a third
// of `events --stats`; an ES module entry also starts the ES module loader.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const workspace = join(appDir, '..', '..');
const outfile = join(appDir, 'dist', 'katamon.cjs');
const payloadFile = join(appDir, 'dist', 'katamon.payload.js');
const eventsPayloadFile = join(appDir, 'dist', 'katamon.events.js');
/** The payload's name for the bundle's own URL (the loader passes its `import.meta.url`). */
const BUNDLE_URL = '__katamonBundleUrl';
/** The payload's name for the loader's `import()`, which a vm.Script has no loader for. */
const IMPORT = '__katamonImport';
/** The events payload's name for the loader's "run the whole program instead" (see eventsOnly). */
const FULL = '__katamonFull';
/** A dynamic import of a computed specifier (literal ones are bundled by esbuild). */
const computedImport = /\bimport\((?!\s*['"`])/;

/**
 * Workspace modules that find files next to themselves (the vsock addon's C source, JSON Schemas) keep
 * their own location: `import.meta.url` becomes their source path relative to the bundle.
 * (`import.meta` does not exist in the CommonJS payload: the loader hands in its own URL.) Likewise
 * `import(specifier)` (plugins) goes through the loader's `import()`, so it resolves from the bundle as before.
 */
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(b) {
    b.onLoad({ filter: /[/\\](packages|apps)[/\\].*[/\\]src[/\\].*\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url') && !computedImport.test(text)) return undefined;
      const rel = relative(dirname(outfile), args.path).split('\\').join('/');
      const contents = text
        .replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, ${BUNDLE_URL}).href`)
        .replace(new RegExp(computedImport.source, 'g'), `${IMPORT}(`);
      return { contents, loader: 'ts' };
    });
  },
};

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

const require = createRequire(import.meta.url);
/** `export const name = m.name` for each data property of the built-in, and `export default m`. */
function builtinShim(specifier) {
  const real = require(specifier);
  const names = Object.entries(Object.getOwnPropertyDescriptors(real))
    .filter(([name, d]) => 'value' in d && d.enumerable && /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default')
    .map(([name]) => name);
  return (
    `const m = require(${JSON.stringify(specifier)});\nexport default m;\n` +
    names.map((name) => `export const ${name} = m.${name};\n`).join('')
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
      contents: `export const runYargs = () => ${FULL}();\nexport const completeContainerIds = () => ${FULL}();\n`,
      loader: 'js',
    }));
  },
};

/** One payload: `//katamon-payload <build>` and a function expression of the program (see below). */
async function payloadOf(extraPlugins) {
  const result = await build({
    entryPoints: [join(appDir, 'src', 'bin.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    conditions: ['@katamon/source'],
    mainFields: ['module', 'main'],
    minify: true,
    // No keepNames: its `__name()` call after each of ≈ 1 200 functions allocated ≈ 200 KB at start-up and cost
    // ≈ 7 ms of `events --stats` (a young-generation collection). Nothing reads a function's `.name` (errors
    // name themselves); the price is minified names in an internal error's stack trace.
    keepNames: false,
    legalComments: 'none',
    charset: 'ascii',
    // Dependencies that read their own `import.meta.url` (yargs) see the bundle's, as in an ESM bundle.
    define: { 'import.meta.url': BUNDLE_URL },
    write: false,
    logLevel: 'warning',
    plugins: [...extraPlugins, keepModuleUrls, lazyBuiltins, deferCommonJs],
  });
  const program = result.outputFiles.find((f) => f.path === outfile).text;
  if (/\bimport\(/.test(program))
    throw new Error('the payload calls import(): route it through the loader (see keepModuleUrls)');
  // A function expression, so the script's completion value is the program; called with the loader's require
  // (built-ins and any CommonJS a dependency asks for), URL, import() and "run the whole program". The first
  // line names the build.
  const body = `(function (require, ${BUNDLE_URL}, ${IMPORT}, ${FULL}) {${program}\n})`;
  if (Buffer.byteLength(body) !== body.length)
    throw new Error('the payload is not ASCII (the loader reads it as latin1)');
  const buildId = createHash('sha256').update(body).digest('hex').slice(0, 16);
  return `//katamon-payload ${buildId}\n${body}`;
}

const payload = await payloadOf([]);
const eventsPayload = await payloadOf([eventsOnly]);
if (/\by18n\b|yargs-parser/.test(eventsPayload)) throw new Error('the events payload still holds yargs');
const loader = await readFile(join(appDir, 'scripts', 'loader.template.cjs'), 'utf8');

/**
 * Written then renamed, payload first: a CLI started while this runs (tests in parallel) never reads half a
 * file, and a loader of either build runs either payload (the cache is keyed by the payload's own line).
 */
async function replace(file, contents, mode) {
  const staged = `${file}.${process.pid}.tmp`;
  await writeFile(staged, contents);
  await chmod(staged, mode);
  await rename(staged, file);
}
await mkdir(dirname(outfile), { recursive: true });
await replace(payloadFile, payload, 0o644);
await replace(eventsPayloadFile, eventsPayload, 0o644);
await replace(outfile, loader, 0o755);
const kib = (text) => `${(text.length / 1024).toFixed(0)} KiB`;
console.log(
  `${relative(workspace, outfile)} + ${relative(workspace, payloadFile)}: ${kib(payload)}, katamon.events.js: ${kib(eventsPayload)}`,
);
