import { readFileSync } from 'node:fs';
import { SERVER_VERSION } from './version.js';

it('SERVER_VERSION matches package.json and the CLI version', () => {
  const read = (url: URL) => (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  expect(SERVER_VERSION).toBe(read(new URL('../package.json', import.meta.url)));
  expect(SERVER_VERSION).toBe(read(new URL('../../cli/package.json', import.meta.url)));
});
