import { dirname, isAbsolute, resolve } from 'node:path';
import { KatamonError, jsonSyntaxProblem } from '@katamon/core';
import { readRegularFile, SysfsError } from '@katamon/sysfs';
import { SETTING_KEYS } from './setting-keys.js';

/**
 * katamon's config file (JSON): the plugin list, each plugin's settings, and the apps' options, shared by the
 * CLI and the server. Relative plugin paths are relative to the file.
 *
 * ```json
 * { "plugins": ["katamon-plugin-json-file", "./my-plugin.js"],
 *   "pluginConfig": { "katamon-plugin-json-file": { "file": "/etc/katamon/containers.json" } },
 *   "host": "0.0.0.0", "root": ["/run/runc", "/run/containerd/runc/k8s.io"] }
 * ```
 */
export interface KatamonConfigFile {
  plugins: string[];
  pluginConfig: Record<string, Record<string, unknown>>;
  /** The apps' options ({@link SETTING_KEYS}), as written: each app checks the values of the keys it reads. */
  settings: Record<string, unknown>;
}

const MAX_CONFIG_BYTES = 1 << 20;

function fail(file: string, message: string): never {
  throw new KatamonError('invalid-argument', `config file ${file}: ${message}`, { path: file, code: 'KATAMON_CONFIG' });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads and checks a config file; every problem is one line naming the file and never quoting it. The file
 * is opened O_NONBLOCK and must be a regular file (a FIFO or /dev/zero is refused at once, not waited on or
 * read forever); at most MAX_CONFIG_BYTES are read.
 */
export function readConfigFile(file: string): KatamonConfigFile {
  let text: string;
  try {
    text = readRegularFile(file, { maxBytes: MAX_CONFIG_BYTES }).toString('utf8');
  } catch (error) {
    fail(file, SysfsError.is(error) ? error.detail : String(error));
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    fail(file, jsonSyntaxProblem(error));
  }
  if (!isRecord(doc)) fail(file, 'expected a JSON object');
  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (SETTING_KEYS.has(key)) settings[key] = value;
    // The key itself is not quoted: --config may name a file that is not katamon's.
    else if (key !== 'plugins' && key !== 'pluginConfig')
      fail(
        file,
        'an unknown top-level key (only "plugins", "pluginConfig" and katamon-server\'s settings are allowed)',
      );
  }
  const plugins = doc.plugins ?? [];
  if (!Array.isArray(plugins) || !plugins.every((p) => typeof p === 'string' && p !== '')) {
    fail(file, '"plugins" must be a list of module names or paths');
  }
  const pluginConfig = doc.pluginConfig ?? {};
  if (!isRecord(pluginConfig) || !Object.values(pluginConfig).every(isRecord)) {
    fail(file, '"pluginConfig" must map plugin names to objects');
  }
  const base = dirname(resolve(file));
  return {
    plugins: (plugins as string[]).map((p) => (p.startsWith('.') && !isAbsolute(p) ? resolve(base, p) : p)),
    pluginConfig: pluginConfig as Record<string, Record<string, unknown>>,
    settings,
  };
}
