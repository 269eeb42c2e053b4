import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mountedSecret, waitUntil } from '@katamon/core-testing';
import { KATAMON_BIN } from '../katamon-dist.js';
import { get } from './http-client.js';
import { bundleServer, startServer, type ServerProcess } from './server-process.js';

// katamon-server configured by KATAMON_* variables and a config file only, its token rotated as Kubernetes
// rotates a mounted Secret.
describe('katamon-server configuration (bundled server)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'katamon-e2e-config-'));
  const root = join(dir, 'runc-root');
  mkdirSync(join(dir, 'secret'));
  const secret = mountedSecret(join(dir, 'secret'), 'token', 'token-one\n');
  let server: ServerProcess;
  const as = (token: string, path = '/v1/containers') =>
    get(server.address, path, { authorization: `Bearer ${token}` });

  beforeAll(async () => {
    bundleServer();
    mkdirSync(root);
    const config = join(dir, 'katamon.json');
    writeFileSync(config, JSON.stringify({ root: [root], maxAge: 0, logLevel: 'warn' }));
    server = await startServer([], {
      env: {
        KATAMON_CONFIG: config,
        KATAMON_TOKEN_FILE: secret.file,
        // A variable wins over the file's "warn": the rotation's info line is logged.
        KATAMON_LOG_LEVEL: 'info',
      },
    });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("shares its config file with the CLI, which ignores the server's keys", () => {
    const cli = spawnSync(
      process.execPath,
      [KATAMON_BIN, '--discover', 'none', '--config', join(dir, 'katamon.json'), '--root', root, 'list'],
      {
        encoding: 'utf8',
      },
    );
    expect([cli.status, cli.stderr]).toEqual([0, '']);
  });

  it('serves katamon_build_info with its version and Node.js version', async () => {
    const metrics = await as('token-one', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain(`katamon_build_info{version="0.1.0",nodejs_version="${process.versions.node}"} 1\n`);
  });

  it('takes the rotated token without a restart, and refuses the old one', async () => {
    expect((await as('token-one')).status).toBe(200);
    secret.publish('token-two\n');
    await waitUntil(async () => ((await as('token-two')).status === 200 ? true : undefined), {
      what: 'the rotated token to be accepted',
    });
    expect((await as('token-one')).status).toBe(401);
    expect(server.stderr()).toContain('token file changed; new token in force');
  });

  it('keeps serving with the previous token when the new file is not a token, and logs why', async () => {
    secret.publish('two words\n');
    await waitUntil(() => (server.stderr().includes('keeping the previous token') ? true : undefined), {
      what: 'the warning about the bad token file',
    });
    expect(server.stderr()).toMatch(/"level":40.*holds a token with a space.*keeping the previous token/);
    expect((await as('token-two')).status).toBe(200);
    expect((await as('two')).status).toBe(401);
  });
});
