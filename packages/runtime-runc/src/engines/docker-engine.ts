import { existsSync } from 'node:fs';
import { boundIdentity, type HostProbeReport } from '@katamon/core';
import type { EngineProfile, StateFacts } from './engine-profile.js';
import { fieldOf, readEngineJson } from '@katamon/sysfs';
import { probed } from './probe-paths.js';

/** dockerd's defaults (`--exec-root`, `--data-root`). */
export const DOCKER_EXEC_ROOT = '/run/docker';
export const DOCKER_DATA_ROOT = '/var/lib/docker';

/** dockerd's configuration file, where `exec-root` and `data-root` may move its directories. */
export const DOCKER_DAEMON_CONFIG = '/etc/docker/daemon.json';

/** A few KiB in practice; labels make it grow, not to megabytes. */
const MAX_CONFIG_BYTES = 2 * 1024 * 1024;

/** Where dockerd (20.10 and later, with its containerd) has runc keep its containers' state. */
export function dockerRuncRoot(execRoot: string): string {
  return `${execRoot}/runtime-runc/moby`;
}

/**
 * Docker: name, image and labels from `<data-root>/containers/<id>/config.v2.json` (`Name` is `/web`,
 * `Config.Image`, `Config.Labels`). `claimAll`: in Docker's own runc root every container is Docker's;
 * in containerd's `moby` namespace only those with a config file are.
 */
export function dockerProfile(dataRoot: string, claimAll = true): EngineProfile {
  const relative = (id: string) => `containers/${id}/config.v2.json`;
  return {
    engine: 'docker',
    claims: (facts) => claimAll || existsSync(`${dataRoot}/${relative(facts.id)}`),
    identify: (facts: StateFacts) => {
      const read = readEngineJson(dataRoot, relative(facts.id), 'Docker container config', MAX_CONFIG_BYTES);
      const base = {
        engine: 'docker',
        ...(facts.root.namespace === undefined ? {} : { namespace: facts.root.namespace }),
      };
      if (!read.found) {
        const issue = read.issue ?? `no Docker container config at ${read.file}: name and image unknown`;
        return boundIdentity({ ...base, issues: [issue] }, 'docker');
      }
      const config = fieldOf(read.value, 'Config');
      const name = fieldOf(read.value, 'Name');
      return boundIdentity(
        {
          ...base,
          name: typeof name === 'string' && name.startsWith('/') ? name.slice(1) : name,
          image: fieldOf(config, 'Image'),
          labels: fieldOf(config, 'Labels'),
        },
        'docker',
        read.file,
      );
    },
  };
}

/**
 * `exec-root` and `data-root` from dockerd's daemon.json (absolute paths only), so that a Docker moved there is
 * found without flags. A missing or unreadable file gives nothing: the defaults stand.
 */
export function dockerDaemonRoots(configFile: string): { execRoot?: string; dataRoot?: string } {
  const slash = configFile.lastIndexOf('/');
  const read = readEngineJson(
    configFile.slice(0, slash) || '/',
    configFile.slice(slash + 1),
    'dockerd config',
    1 << 20,
  );
  if (!read.found) return {};
  const path = (key: string) => {
    const value = fieldOf(read.value, key);
    return typeof value === 'string' && value.startsWith('/') && !value.includes('\0')
      ? value.replace(/\/+$/, '')
      : undefined;
  };
  const execRoot = path('exec-root');
  const dataRoot = path('data-root');
  return { ...(execRoot === undefined ? {} : { execRoot }), ...(dataRoot === undefined ? {} : { dataRoot }) };
}

/** Docker is on this host when its runc root exists (or the user named it). */
export function probeDocker(execRoot: string, dataRoot: string, given: boolean): HostProbeReport {
  const runc = probed('runc state root', dockerRuncRoot(execRoot));
  const data = probed('data root (config.v2.json)', dataRoot);
  const found = runc.found || given;
  const detail = given
    ? `Docker root given: ${runc.path}`
    : runc.found
      ? `Docker containers under ${runc.path}${data.found ? '' : `; no data root at ${dataRoot}: names and images unknown`}`
      : `no ${runc.path} (dockerd not running here, or another --exec-root: pass --docker-exec-root)`;
  return { engine: 'docker', found, detail, paths: [runc, data] };
}
