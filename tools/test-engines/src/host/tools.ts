import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Debian's docker.io CLI. A newer `docker` earlier in PATH (as on some images) talks to dockerd 20.10 with
 * another output format, so the harness names this one.
 */
export const DOCKER_CLI = '/usr/bin/docker';

/** The binaries each engine needs here, and the Debian package that brings them. */
export const ENGINE_TOOLS = {
  containerd: { tools: ['containerd', 'ctr', 'containerd-shim-runc-v2', 'runc', 'umount'], install: 'containerd' },
  docker: { tools: ['dockerd', DOCKER_CLI, 'docker-init'], install: 'docker.io' },
  podman: { tools: ['podman', 'conmon', 'runc'], install: 'podman' },
  crun: { tools: ['crun'], install: 'crun' },
  busybox: { tools: ['busybox'], install: 'busybox-static' },
} as const;

export type EngineName = keyof typeof ENGINE_TOOLS;

function onPath(tool: string): boolean {
  const dirs = tool.includes('/') ? [''] : [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin'];
  return dirs.some((dir) => {
    try {
      accessSync(dir ? join(dir, tool) : tool, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * The tools missing for `engines`, as one line naming the packages to install (empty when all are there and
 * we are root).
 * Suites assert it is empty, so a machine without an engine fails loudly instead of skipping.
 */
export function missingEngineTools(...engines: EngineName[]): string {
  const missing = engines
    .map((engine) => ({ ...ENGINE_TOOLS[engine], missing: ENGINE_TOOLS[engine].tools.filter((t) => !onPath(t)) }))
    .filter((e) => e.missing.length > 0);
  const root = process.getuid?.() === 0 ? '' : 'the engines run rootful: run the tests as root';
  if (missing.length === 0) return root;
  const install = `apt-get install ${missing.map((e) => e.install).join(' ')}`;
  return [`missing ${missing.flatMap((e) => e.missing).join(', ')}: ${install}`, root].filter(Boolean).join('; ');
}
