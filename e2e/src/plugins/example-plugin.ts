import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import type { RuncContainer } from '@katamon/test-fixtures';

const workspace = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The example plugin as a user installs it: its built `dist` (peer `@katamon/core` built too). */
export const EXAMPLE_PLUGIN_PATH = join(workspace, 'packages', 'plugin-json-file', 'dist', 'index.js');
export const EXAMPLE_PLUGIN_NAME = 'katamon-plugin-json-file';

/**
 * Builds the example plugin and its peer `@katamon/core` to `dist/*.js` as `npm publish` would ship them.
 * esbuild transpiles file by file (no type check: the typecheck target does that), so it neither depends on
 * nor disturbs tsc's build info, which the parallel `typecheck` tasks write into the same `dist` folders.
 */
export function buildExamplePlugin(): void {
  for (const pkg of ['plugin-json-file', 'core']) {
    const src = join(workspace, 'packages', pkg, 'src');
    const entries = readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && !f.endsWith('.d.ts'))
      .map((f) => join(src, f));
    buildSync({
      entryPoints: entries,
      outdir: join(workspace, 'packages', pkg, 'dist'),
      outbase: src,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'warning',
    });
  }
}

export interface DescribedContainers {
  file: string;
  /** A process described only by its pid: the plugin's own /proc source reads it. */
  process: ChildProcess;
  stop(): void;
}

/**
 * Writes a containers file describing a real runc container by its cgroup paths and pid (read by the
 * built-in cgroup sources through the plugin's resolver) and a plain busy process by pid only.
 */
export function describeContainers(
  runc: RuncContainer,
  ids: { cgroupId: string; processId: string },
): DescribedContainers {
  const state = JSON.parse(readFileSync(join(runc.root, runc.id, 'state.json'), 'utf8')) as {
    cgroup_paths: Record<string, string>;
  };
  const v1 = Object.fromEntries(
    Object.entries(state.cgroup_paths).filter(([controller]) => controller !== '' && !controller.includes('=')),
  );
  const process = spawn('sh', ['-c', 'while :; do :; done'], {
    stdio: 'ignore',
  });
  const file = join(mkdtempSync(join(tmpdir(), 'katamon-e2e-plugin-')), 'containers.json');
  writeFileSync(
    file,
    JSON.stringify({
      containers: [
        { id: ids.cgroupId, pid: runc.pid, cgroup: v1, runtime: 'podman' },
        { id: ids.processId, pid: process.pid, runtime: 'process' },
      ],
    }),
  );
  return { file, process, stop: () => process.kill('SIGKILL') };
}

/** Plugins that misbehave at run time, for the fault-isolation tests. */
export function writeFaultyPlugins(dir: string): {
  hangs: string;
  throws: string;
} {
  const manifest = (name: string, collect: string) => `
export const plugin = {
  name: '${name}',
  apiVersion: 'katamon.plugin/v1',
  coreRange: '^0.1.0',
  sources: [{ kind: 'faulty', create: () => ({
    name: '${name}/source',
    probe: () => 'handle',
    collect: ${collect},
  }) }],
};
`;
  const hangs = join(dir, 'hangs.mjs');
  const throws = join(dir, 'throws.mjs');
  writeFileSync(hangs, manifest('katamon-e2e-hangs', '() => new Promise(() => {})'));
  writeFileSync(
    throws,
    manifest(
      'katamon-e2e-throws',
      "async () => { throw Object.assign(new Error('plugin exploded'), { kind: 'io' }); }",
    ),
  );
  return { hangs, throws };
}
