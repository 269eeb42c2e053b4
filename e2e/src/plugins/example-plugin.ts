import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packSdkCached } from '@katamon/sdk-tools';
import type { RuncContainer } from '@katamon/test-fixtures';
import { installSite, tarball } from '../sdk/outside-project.js';

export const EXAMPLE_PLUGIN_NAME = 'katamon-plugin-json-file';

export interface InstalledExample {
  /** A folder outside the repository where the example plugin is installed: run katamon from here. */
  site: string;
  /** The plugin's entry point there, to name it by path. */
  path: string;
}

/**
 * The example plugin as a user installs it: packed like the SDK (`@katamon/sdk-tools`), installed with its
 * peer `@katamon/core` from the packed tarballs into a folder outside the repository, no workspace link.
 */
export async function installExamplePlugin(): Promise<InstalledExample> {
  const packed = await packSdkCached();
  const site = await installSite('katamon-e2e-example-site-', [
    tarball(packed, EXAMPLE_PLUGIN_NAME),
    tarball(packed, '@katamon/core'),
  ]);
  return { site, path: join(site, 'node_modules', EXAMPLE_PLUGIN_NAME, 'dist', 'index.js') };
}

export interface DescribedContainers {
  file: string;
  /** A process described only by its pid: the plugin's own /proc source reads it. */
  process: ChildProcess;
  /** The built-in source that reads the described cgroup: the host's v1 hierarchies or its v2 one. */
  cgroupSource: 'cgroup-v1' | 'cgroup-v2';
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
  // runc's cgroup_paths: a map of v1 controllers (plus the hybrid unified entry ""), or only "" on a v2 host.
  const v1 = Object.fromEntries(
    Object.entries(state.cgroup_paths).filter(([controller]) => controller !== '' && !controller.includes('=')),
  );
  const unified = state.cgroup_paths[''];
  const cgroup = Object.keys(v1).length > 0 ? v1 : unified;
  if (cgroup === undefined) throw new Error(`runc state of ${runc.id} has no cgroup paths`);
  const process = spawn('sh', ['-c', 'while :; do :; done'], {
    stdio: 'ignore',
  });
  const file = join(mkdtempSync(join(tmpdir(), 'katamon-e2e-plugin-')), 'containers.json');
  writeFileSync(
    file,
    JSON.stringify({
      containers: [
        { id: ids.cgroupId, pid: runc.pid, cgroup, runtime: 'podman' },
        { id: ids.processId, pid: process.pid, runtime: 'process' },
      ],
    }),
  );
  const cgroupSource = typeof cgroup === 'string' ? 'cgroup-v2' : 'cgroup-v1';
  return { file, process, cgroupSource, stop: () => process.kill('SIGKILL') };
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
