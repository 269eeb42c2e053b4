import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runcAvailable, startRuncContainer, type RuncContainer } from '@katamon/test-fixtures';
import { nodeBinary, SUPPORTED_NODE_MAJORS } from '../scripts/with-node.mjs';
import { copyDist, WORKSPACE, type DistCopy } from './testing/dist-copy.js';
import { get, runNode, startServer, streamEvents } from './testing/run-apps.js';

// Every supported Node runs the build's two apps with nothing on stderr for normal commands: no deprecation
// or experimental warning (Node 24 warned `fs.F_OK is deprecated` for `katamon list`), no addon complaint.
describe.each(SUPPORTED_NODE_MAJORS)('dist/katamon/ under Node %i', (major) => {
  let node: string;
  let copy: DistCopy;
  let container: RuncContainer;
  beforeAll(async () => {
    expect(runcAvailable(), 'install runc and busybox-static (.ci/run)').toBe(true);
    // Node 22 and 24 come from the npm registry's `node` package (cached by npm after the first use).
    node = nodeBinary(major);
    copy = copyDist();
    container = await startRuncContainer({ id: `node${major}-${Math.random().toString(36).slice(2, 10)}` });
  }, 600_000);
  afterAll(async () => {
    await container?.delete();
    copy?.remove();
  });
  const cli = (args: readonly string[]) => runNode(node, copy.cli, ['--root', container.root, ...args], copy.dir);

  it.each([
    ['--version'],
    ['--help'],
    ['list'],
    ['list', '--format', 'json'],
    ['top', '--no-stream'],
    ['events', '--stats'],
    ['events', '--stats', '--schema', 'runc'],
    ['events', '--stats', '--schema', 'full'],
  ])('katamon %s: exit 0, nothing on stderr', (...args) => {
    const id = args[0] === 'events' || args[0] === 'top' ? [container.id] : [];
    // Twice: the first run writes the code cache, the second runs from it.
    for (let i = 0; i < 2; i++) expect(cli([...args, ...id])).toMatchObject({ status: 0, stderr: '' });
  });

  it('katamon events --interval: a stream with the batch addon, nothing on stderr', async () => {
    const run = await streamEvents(node, copy, container, 3);
    expect(run).toMatchObject({ status: 130, stderr: '' });
    expect(run.maps).toContain('katamon_sysfs.node');
  });

  it('katamon-server: routes, metrics and dashboard, nothing on stderr at --log-level warn', async () => {
    const server = await startServer(node, copy.server, ['--root', container.root, '--log-level', 'warn'], copy.dir);
    try {
      for (const path of ['/v1/containers', `/v1/containers/${container.id}/stats`, '/metrics', '/', '/openapi.json'])
        expect((await get(server.address, path)).status, path).toBe(200);
      expect(await server.stop()).toBe(0);
      expect(server.stderr()).toBe('');
    } finally {
      await server.stop();
    }
  });
});

// The image will be built with the newest LTS: the build itself runs under it, and what it makes runs under 20.
describe('npm run build under Node 24', () => {
  it('writes a dist/katamon/ that Node 20 runs with nothing on stderr', () => {
    const out = mkdtempSync(join(tmpdir(), 'katamon-build24-'));
    try {
      const build = spawnSync(
        nodeBinary(24),
        [join(WORKSPACE, 'tools', 'build', 'scripts', 'build.mjs'), '--out', out],
        {
          encoding: 'utf8',
          timeout: 600_000,
        },
      );
      expect(build.status, build.stderr).toBe(0);
      expect(JSON.parse(readFileSync(join(out, 'build.json'), 'utf8'))).toMatchObject({
        builtWith: expect.stringMatching(/^v24\./),
      });
      for (const args of [['--version'], ['list'], ['events', '--help']])
        expect(runNode(nodeBinary(20), join(out, 'katamon.cjs'), args, out)).toMatchObject({ status: 0, stderr: '' });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 600_000);
});
