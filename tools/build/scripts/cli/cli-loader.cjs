// The katamon CLI's entry (`katamon.cjs`): bundle-cli.mjs bundles this file and payload-format.cjs with esbuild.
//
// The program is a CommonJS payload next to this file, compiled through vm.Script with a V8 code cache, since
// Node 20 has no compile cache: with the cache V8 skips parsing and compiling whatever the last full run
// executed. katamon.payload.js is the whole program; katamon.events.js the same without yargs and the other
// commands, run when the arguments name `events` (it hands the run to the whole program when they turn out to
// need yargs: `events --help`, an id that is the word events for another command).
// Each payload's cache is made at exit by the first run (and again when V8 rejects it, e.g. another Node
// version or other V8 flags), next to this file, or under ~/.cache/katamon when this directory is read-only.
// Its header names the payload's build (a hash of its text, on its first line), the Node version and the
// architecture; V8 checks its own version, flags and the source length on top.
// KATAMON_CODE_CACHE=0 turns it off; =trace reports on stderr.
//
// A CommonJS file, not an ES module: Node 20 starts its ES module loader (and fs/promises) for an .mjs entry,
// which costs several milliseconds of a `--stats` run.
'use strict';
const { payloadBuild } = require('./payload-format.cjs');
const {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} = require('node:fs');
const { Script } = require('node:vm');
const self = __filename;
const dir = self.slice(0, self.lastIndexOf('/'));
const mode = process.env.KATAMON_CODE_CACHE;
const url = require('node:url').pathToFileURL(self).href;
// `--plugin` modules are imported from here: a dynamic import() in CommonJS resolves from this file.
const importer = (specifier) => import(specifier);

/** Compiles `name` (with its cache `suffix`) and runs it; returns whether its cache may be written at exit. */
function run(name, suffix) {
  const beside = `${self}${suffix}.v8cache`;
  // The payload and the cache beside this file go through one buffer: the payload's bytes are dead once they
  // are a string, and every page of a fresh buffer is a page fault (≈ 65 fewer for the events payload).
  const payload = openSync(`${dir}/${name}`, 'r');
  const cacheFd = mode === '0' ? -1 : openOrNone(beside);
  const scratch = Buffer.allocUnsafeSlow(Math.max(fstatSync(payload).size, cacheFd < 0 ? 0 : fstatSync(cacheFd).size));
  // ASCII (esbuild's charset), so latin1 is exact, and cheaper than utf8.
  const source = scratch.toString('latin1', 0, readWhole(payload, scratch));
  const besideBytes = cacheFd < 0 ? undefined : scratch.subarray(0, readWhole(cacheFd, scratch));
  // Read from the payload itself, so a cache always matches its text.
  const build = payloadBuild(source);
  const header = `katamon-v8-cache 1 ${build} ${process.version} ${process.arch} `;
  const home = process.env.XDG_CACHE_HOME || (process.env.HOME ? `${process.env.HOME}/.cache` : undefined);
  const files = [beside, ...(home ? [`${home}/katamon/katamon-${build}.v8cache`] : [])];
  const cache = mode === '0' ? undefined : readCache(files, header, besideBytes);
  const script = new Script(source, { filename: self, ...(cache === undefined ? {} : { cachedData: cache.data }) });
  const rejected = cache !== undefined && script.cachedDataRejected === true;
  if (mode === 'trace')
    process.stderr.write(
      `katamon: code cache ${cache === undefined ? 'none' : rejected ? 'rejected' : 'accepted'}${cache ? ` (${cache.file})` : ''}\n`,
    );
  const state = { handedOff: false };
  if (mode !== '0') {
    // Made at exit, so that it holds every function this run compiled. A cache from a run that failed early
    // (a usage error) is replaced by the first run that ends with status 0; a payload that handed the run to
    // the whole program keeps its cache as it was.
    process.once('exit', (code) => {
      if (state.handedOff || (cache !== undefined && !rejected && (cache.complete || code !== 0))) return;
      try {
        const file = writeCache(script, files, header, code === 0);
        if (mode === 'trace')
          process.stderr.write(`katamon: code cache written${file ? ` (${file})` : ': no writable place'}\n`);
      } catch {
        // A cache is only ever an optimisation.
      }
    });
  }
  const full = () => {
    state.handedOff = true;
    run('katamon.payload.js', '');
    // The whole program owns the process from here (it exits it); this payload's run never goes on.
    return new Promise(() => undefined);
  };
  script.runInThisContext()(require, url, importer, full);
}

/** `file` opened for reading, or -1 when it cannot be. */
function openOrNone(file) {
  try {
    return openSync(file, 'r');
  } catch {
    return -1;
  }
}

/** Reads `fd` from its start into `into` until its end or `into` is full, closes it; the byte count. */
function readWhole(fd, into) {
  let length = 0;
  try {
    for (let n; length < into.length && (n = readSync(fd, into, length, into.length - length, length)) > 0; )
      length += n;
  } finally {
    closeSync(fd);
  }
  return length;
}

/**
 * The cached data of this build, and whether the run that made it ran a command to success. `besideBytes`:
 * the first file's content when it has been read already.
 */
function readCache(files, header, besideBytes) {
  for (const file of files) {
    let bytes = file === files[0] ? besideBytes : undefined;
    try {
      bytes ??= readFileSync(file);
    } catch {
      continue;
    }
    const end = bytes.indexOf(10);
    const line = end < 0 ? '' : bytes.toString('latin1', 0, end).trimEnd();
    if (!line.startsWith(header)) continue;
    return { file, data: bytes.subarray(end + 1), complete: line.endsWith(' complete') };
  }
  return undefined;
}

function writeCache(script, files, header, complete) {
  const data = script.createCachedData();
  // The header line is padded to a multiple of 8 bytes: V8 copies cached data that does not start at an
  // 8-byte boundary (≈ 140 page faults, 2 ms, for a 560 KB cache), and the file's buffer starts at one.
  const line = `${header}${complete ? 'complete' : 'partial'}`;
  const bytes = Buffer.concat([
    Buffer.from(`${line.padEnd(Math.ceil((line.length + 1) / 8) * 8 - 1)}\n`, 'latin1'),
    data,
  ]);
  for (const file of files) {
    const staged = `${file}.${process.pid}.tmp`;
    try {
      mkdirSync(file.slice(0, file.lastIndexOf('/')), { recursive: true });
      writeFileSync(staged, bytes);
      renameSync(staged, file);
      return file;
    } catch {
      try {
        unlinkSync(staged);
      } catch {
        // nothing was staged
      }
    }
  }
  return undefined;
}

// Any argument `events` picks the events payload (a wrong pick only costs the hand-off above); without that
// file (a copy of an older bundle's two files) the whole program runs it.
let events = process.argv.includes('events', 2);
if (events) {
  try {
    run('katamon.events.js', '.events');
  } catch (error) {
    if (error?.code !== 'ENOENT' || error.path !== `${dir}/katamon.events.js`) throw error;
    events = false;
  }
}
if (!events) run('katamon.payload.js', '');
