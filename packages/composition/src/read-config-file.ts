import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { KatamonError } from '@katamon/core';
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

/** Reads and checks a config file; every problem is one line naming the file. */
export function readConfigFile(file: string): KatamonConfigFile {
  let text: string;
  try {
    const buffer = readFileSync(file);
    if (buffer.length > MAX_CONFIG_BYTES) fail(file, `larger than ${MAX_CONFIG_BYTES} bytes`);
    text = buffer.toString('utf8');
  } catch (error) {
    if (KatamonError.is(error)) throw error;
    fail(file, (error as Error).message);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    fail(file, `not JSON: ${(error as Error).message}`);
  }
  if (!isRecord(doc)) fail(file, 'expected a JSON object');
  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (SETTING_KEYS.has(key)) settings[key] = value;
    else if (key !== 'plugins' && key !== 'pluginConfig') fail(file, `unknown key "${key}"`);
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
