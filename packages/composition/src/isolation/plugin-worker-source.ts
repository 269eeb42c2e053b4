// The program of an isolated plugin's worker thread, as text: a worker started from a string needs no file next
// to the code, however katamon is packaged (the CLI's bundle, the server's, the workspace sources). Plain
// CommonJS for Node's \`eval\` worker: it imports the plugin (which brings its own @katamon/core), describes the
// manifest, and answers the host's calls (see worker-message.ts). Every message to the host is one
// v8-serialized buffer within the size limit; the host checks both, since plugin code in this thread can post
// anything.
export const PLUGIN_WORKER_SOURCE = `'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const v8 = require('node:v8');

const limit = workerData.replyLimitBytes;
/** Created sources and resolvers; a handle is an index. */
const objects = [];
/** Calls and OOM watches in progress, by id: what "cancel" aborts. */
const running = new Map();
let manifest;

function text(value, max) {
  try {
    if (typeof value !== 'string') {
      const message = value !== null && typeof value === 'object' ? value.message : undefined;
      return text(typeof message === 'string' ? message : String(value), max);
    }
    return value.length > max ? value.slice(0, max) : value;
  } catch (error) {
    return 'a value that cannot be printed';
  }
}

function errorOf(error) {
  const out = { message: text(error, 4096) };
  try {
    if (error !== null && typeof error === 'object') {
      if (typeof error.kind === 'string') out.kind = text(error.kind, 64);
      if (typeof error.path === 'string') out.path = text(error.path, 4096);
    }
  } catch (ignored) {
    // A getter that throws: the message is enough.
  }
  return out;
}

/** Every message to the host is one v8-serialized buffer, at most "limit" bytes: the host checks both. */
function send(message) {
  let bytes;
  try {
    bytes = v8.serialize(message);
  } catch (error) {
    if (message.t !== 'reply') return;
    bytes = v8.serialize({ t: 'reply', id: message.id, ok: false, error: { kind: 'plugin', message: 'the answer cannot be copied: ' + text(error, 512) } });
  }
  if (bytes.length > limit) {
    if (message.t !== 'reply') return;
    bytes = v8.serialize({ t: 'reply', id: message.id, ok: false, error: { kind: 'plugin', message: 'the answer is ' + bytes.length + ' bytes, more than the limit of ' + limit } });
  }
  parentPort.postMessage(bytes);
}

function fields(value) {
  const out = {};
  try {
    if (value !== null && typeof value === 'object') {
      for (const key of Object.keys(value).slice(0, 16)) {
        const field = value[key];
        out[text(key, 64)] = typeof field === 'number' || typeof field === 'boolean' ? field : text(field, 1024);
      }
    }
  } catch (ignored) {
    // Fields are a courtesy.
  }
  return out;
}

function logAt(level) {
  return function (message, extra) {
    send({ t: 'log', level: level, message: text(message, 1024), fields: fields(extra) });
  };
}
const logger = { debug: logAt('debug'), info: logAt('info'), warn: logAt('warn'), error: logAt('error') };
const scheduler = {
  now: function () {
    return Date.now();
  },
  setTimer: function (delayMs, fn) {
    const timer = setTimeout(fn, Math.min(Math.max(0, Number(delayMs) || 0), 2147483647));
    return function () {
      clearTimeout(timer);
    };
  },
};

const METHODS = ['probe', 'collect', 'collectSync', 'watchOom', 'release', 'match', 'list', 'refresh'];

function target(message) {
  const made = objects[message.handle];
  if (made === undefined || made === null) throw new Error('no object ' + message.handle);
  return made;
}

const ops = {
  create: function (message) {
    const factory = manifest[message.group][message.index];
    const ctx = { config: message.config, roots: message.roots, logger: logger, scheduler: scheduler };
    return Promise.resolve(factory.create(ctx)).then(function (made) {
      objects.push(made);
      const isObject = made !== null && typeof made === 'object';
      return {
        handle: objects.length - 1,
        name: isObject && typeof made.name === 'string' ? text(made.name, 4096) : null,
        methods: isObject ? METHODS.filter(function (m) { return typeof made[m] === 'function'; }) : [],
      };
    });
  },
  collect: function (message, signal) {
    const source = target(message);
    if (source.probe(message.ref) !== 'handle') return { probe: 'skip' };
    const answer = message.scope === 'all' ? source.collect(message.ref, signal) : source.collect(message.ref, signal, message.scope);
    return Promise.resolve(answer).then(function (result) {
      return { probe: 'handle', result: result };
    });
  },
  release: function (message) {
    const source = target(message);
    if (typeof source.release !== 'function') return null;
    return Promise.resolve(message.ref === undefined ? source.release() : source.release(message.ref)).then(function () {
      return null;
    });
  },
  match: function (message) {
    return target(message).match(message.query);
  },
  list: function (message) {
    return target(message).list();
  },
  refresh: function (message) {
    return target(message).refresh(message.ref);
  },
};

function watch(message, signal) {
  const source = target(message);
  if (source.probe(message.ref) !== 'handle') return Promise.resolve();
  return (async function () {
    for await (const item of source.watchOom(message.ref, signal)) {
      if (signal.aborted) return;
      send({ t: 'event', id: message.id, value: item });
    }
  })();
}

function call(message) {
  const controller = new AbortController();
  running.set(message.id, controller);
  const done = function () {
    running.delete(message.id);
  };
  if (message.op === 'watch') {
    new Promise(function (resolve) {
      resolve(watch(message, controller.signal));
    })
      .then(
        function () {
          send({ t: 'end', id: message.id });
        },
        function (error) {
          send({ t: 'end', id: message.id, error: errorOf(error) });
        },
      )
      .finally(done);
    return;
  }
  new Promise(function (resolve) {
    resolve(ops[message.op](message, controller.signal));
  })
    .then(
      function (value) {
        send({ t: 'reply', id: message.id, ok: true, value: value });
      },
      function (error) {
        send({ t: 'reply', id: message.id, ok: false, error: errorOf(error) });
      },
    )
    .finally(done);
}

parentPort.on('message', function (message) {
  if (message.t === 'ping') return send({ t: 'pong', id: message.id });
  if (message.t === 'cancel') {
    const controller = running.get(message.id);
    running.delete(message.id);
    if (controller !== undefined) controller.abort();
    return;
  }
  if (message.t === 'call') call(message);
});

process.on('unhandledRejection', function (reason) {
  send({ t: 'log', level: 'warn', message: 'unhandled rejection in the plugin: ' + text(reason, 1024), fields: {} });
});

function str(value) {
  return typeof value === 'string' ? text(value, 4096) : null;
}

function factories(list) {
  if (list === undefined) return undefined;
  if (!Array.isArray(list)) return null;
  return list.slice(0, 256).map(function (f) {
    const isObject = f !== null && typeof f === 'object';
    return { kind: isObject ? str(f.kind) : null, create: isObject && typeof f.create === 'function' };
  });
}

/** The manifest as data: the host builds a manifest of proxies from it and validates that as any other. */
function describe(m) {
  if (m === null || typeof m !== 'object') return null;
  return {
    name: str(m.name),
    apiVersion: str(m.apiVersion),
    coreRange: str(m.coreRange),
    requires: m.requires === undefined ? undefined : Array.isArray(m.requires) ? m.requires.slice(0, 256).map(str) : null,
    sources: factories(m.sources),
    resolvers: factories(m.resolvers),
  };
}

// "import (", with a space: the CLI's bundler rewrites every "import" directly followed by "(" into the
// loader's import of the main thread, which does not exist in a worker; the language allows the space.
import (workerData.specifier).then(
  function (mod) {
    const plugin = mod === null || mod === undefined ? undefined : mod.plugin;
    if (plugin === undefined) return send({ t: 'load-failed', message: 'the module has no \`plugin\` export' });
    let description;
    try {
      description = describe(plugin);
    } catch (error) {
      return send({ t: 'load-failed', message: 'the manifest cannot be read: ' + text(error, 4096) });
    }
    manifest = plugin;
    send({ t: 'ready', manifest: description });
  },
  function (error) {
    send({ t: 'load-failed', message: 'cannot be imported: ' + text(error, 4096) });
  },
);
`;
