import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KatamonError } from '@katamon/core';
import { readConfigFile } from './read-config-file.js';

const dir = mkdtempSync(join(tmpdir(), 'katamon-config-'));
const write = (content: string) => {
  const file = join(dir, `c${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, content);
  return file;
};

describe(readConfigFile, () => {
  it('reads plugins (relative paths from the file) and per-plugin settings', () => {
    const file = write(
      JSON.stringify({ plugins: ['pkg-name', './local.js', '/abs.js'], pluginConfig: { 'pkg-name': { file: '/x' } } }),
    );
    expect(readConfigFile(file)).toEqual({
      plugins: ['pkg-name', join(dir, 'local.js'), '/abs.js'],
      pluginConfig: { 'pkg-name': { file: '/x' } },
      settings: {},
    });
  });

  it("returns katamon-server's settings as written, for the server to check", () => {
    const file = write(JSON.stringify({ host: '0.0.0.0', port: 9464, root: ['/a', '/b'], logRequests: true }));
    expect(readConfigFile(file).settings).toEqual({
      host: '0.0.0.0',
      port: 9464,
      root: ['/a', '/b'],
      logRequests: true,
    });
  });

  it('accepts an empty object', () => {
    expect(readConfigFile(write('{}'))).toEqual({ plugins: [], pluginConfig: {}, settings: {} });
  });

  it.each([
    ['{', /: not valid JSON \(at position 1\)$/],
    ['[]', /expected a JSON object/],
    [
      '{"plugin":[]}',
      /: an unknown top-level key \(only "plugins", "pluginConfig" and katamon-server's settings are allowed\)$/,
    ],
    ['{"Port":1}', /: an unknown top-level key/],
    ['{"plugins":"a"}', /"plugins" must be a list/],
    ['{"plugins":[""]}', /"plugins" must be a list/],
    ['{"pluginConfig":{"a":1}}', /"pluginConfig" must map plugin names to objects/],
  ])('rejects %s with one line naming the file', (content, message) => {
    const file = write(content);
    const error = (() => {
      try {
        return readConfigFile(file);
      } catch (e) {
        return e;
      }
    })();
    expect(KatamonError.isKind(error, 'invalid-argument')).toBe(true);
    expect((error as KatamonError).code).toBe('KATAMON_CONFIG');
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).not.toContain('\n');
  });

  it('does not quote a file that is not JSON (a secret passed as --config)', () => {
    const file = write('root:$6$katamonsecret:19000:0:99999:7:::\n');
    expect(() => readConfigFile(file)).toThrow(new RegExp(`^config file ${file}: not valid JSON$`));
  });

  it('answers at once for a FIFO, and refuses /dev/zero, a directory and a file over the cap', () => {
    const fifo = join(dir, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    // A reader that waits for a writer would get this valid file after a while: this one must not wait.
    const writer = spawn('sh', ['-c', `sleep 2; echo '{}' > '${fifo}'`], { stdio: 'ignore' });
    try {
      for (const file of [fifo, '/dev/zero', dir])
        expect(() => readConfigFile(file)).toThrow(`config file ${file}: not a regular file`);
    } finally {
      writer.kill('SIGKILL');
    }
    const big = write(`{"plugins":[],"pluginConfig":{"x":{"pad":"${'x'.repeat(1 << 20)}"}}}`);
    expect(() => readConfigFile(big)).toThrow(`config file ${big}: larger than 1048576 bytes`);
  });

  it('reports a missing file', () => {
    expect(() => readConfigFile(join(dir, 'missing.json'))).toThrow(/config file .*missing\.json: ENOENT/);
  });
});
