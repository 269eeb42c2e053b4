// The CLI payload format: bundle-cli.mjs writes payloads in it, cli-loader.cjs (which esbuild bundles with this
// file into katamon.cjs) reads them. A payload is ASCII:
//   //katamon-payload <build>\n(function (require, <url>, <import>, <full>) {<program>\n})
// <build> names the build (a hash of the rest), so a V8 code cache made for one payload is never used for
// another; the function expression is the script's completion value, called by the loader with its require,
// its URL, its import() and "run the whole program" (the events payload's hand-off).
'use strict';

const MAGIC = '//katamon-payload ';

/** The names under which the program sees what the loader hands in (esbuild `define`s point at them). */
const PARAMETERS = Object.freeze({
  url: '__katamonBundleUrl',
  import: '__katamonImport',
  full: '__katamonFull',
});

/** The payload of `program` (esbuild's CommonJS output); `buildOf` names the build from the function's text. */
function formatPayload(program, buildOf) {
  const body = `(function (require, ${PARAMETERS.url}, ${PARAMETERS.import}, ${PARAMETERS.full}) {${program}\n})`;
  return `${MAGIC}${buildOf(body)}\n${body}`;
}

/** The build named on a payload's first line; throws for a file that is not a payload. */
function payloadBuild(source) {
  const end = source.indexOf('\n');
  if (!source.startsWith(MAGIC) || end < 0) throw new Error('not a katamon payload (no //katamon-payload line)');
  return source.slice(MAGIC.length, end);
}

module.exports = { PARAMETERS, formatPayload, payloadBuild };
