import { readFileSync } from 'node:fs';
import { CLI_VERSION } from './version.js';

it('CLI_VERSION matches package.json', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  expect(CLI_VERSION).toBe(pkg.version);
});
