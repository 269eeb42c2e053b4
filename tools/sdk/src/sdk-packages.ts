import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root. */
export const WORKSPACE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** One package that ships to npm: compiled from `src/`, plus files copied as they are. */
export interface PublishedPackage {
  /** The folder, relative to the workspace. */
  dir: string;
  /** Files and folders shipped as they are, besides `dist/`, `package.json`, `README.md` and `LICENSE`. */
  copy: readonly string[];
}

/** The plugin SDK: what a plugin author installs. Released together, as one version. */
export const SDK_PACKAGES: readonly PublishedPackage[] = [
  { dir: 'packages/core', copy: ['schemas'] },
  { dir: 'packages/core-testing', copy: [] },
  { dir: 'packages/create-katamon-plugin', copy: ['bin', 'template'] },
];

/** The example third-party plugin: packed the same way, installed like any plugin. */
export const EXAMPLE_PLUGIN: PublishedPackage = { dir: 'packages/plugin-json-file', copy: [] };
