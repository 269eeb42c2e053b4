import type { ContainerRef, Katamon } from '@katamon/core';
import type { CliContext } from '../cli-context.js';
import type { GlobalSettings } from '../settings/global-settings.js';
import { completeContainerIds } from './complete-container-ids.js';

const ref = (id: string, status: ContainerRef['status'] = 'running'): ContainerRef => ({
  id,
  runtime: 'runc',
  resolver: 'runc',
  status,
});

function context(list: () => Promise<ContainerRef[]>) {
  const seen: { settings?: GlobalSettings; closed: number; stderr: string[] } = { closed: 0, stderr: [] };
  const ctx = {
    env: {},
    writeStderr: (t: string) => void seen.stderr.push(t),
    createKatamon: async (settings: GlobalSettings) => {
      seen.settings = settings;
      return { list, close: async () => void seen.closed++ } as unknown as Katamon;
    },
  } as unknown as CliContext;
  return { ctx, seen };
}

describe('completeContainerIds', () => {
  it('completes ids with the typed prefix after events and top, leaving out stopped containers', async () => {
    const { ctx, seen } = context(async () => [ref('abc1'), ref('abc2', 'stopped'), ref('abd'), ref('xyz', 'paused')]);
    expect(await completeContainerIds(ctx, ['--root', '/tmp/r', 'events', 'ab'])).toEqual(['abc1', 'abd']);
    expect(seen.settings?.roots.runc).toBe('/tmp/r');
    expect(seen.closed).toBe(1);
    expect(await completeContainerIds(ctx, ['top', ''])).toEqual(['abc1', 'abd', 'xyz']);
  });

  it('completes names as well as ids', async () => {
    const web = { ...ref('f00d'.repeat(16)), identity: { engine: 'docker', name: 'web', aliases: ['k8s_web'] } };
    const { ctx } = context(async () => [web, ref('wx')]);
    expect(await completeContainerIds(ctx, ['events', 'w'])).toEqual(['web', 'wx']);
    expect(await completeContainerIds(ctx, ['top', 'k8s'])).toEqual(['k8s_web']);
  });

  it('leaves flags, other commands and the command word itself to yargs', async () => {
    const { ctx, seen } = context(async () => [ref('abc')]);
    expect(await completeContainerIds(ctx, ['events', '--int'])).toBeUndefined();
    expect(await completeContainerIds(ctx, ['list', ''])).toBeUndefined();
    expect(await completeContainerIds(ctx, ['ev'])).toBeUndefined();
    expect(seen.settings).toBeUndefined();
  });

  it('gives no ids, and prints nothing, when listing fails or a global flag is bad', async () => {
    const { ctx, seen } = context(async () => {
      throw new Error('EACCES /run/runc');
    });
    expect(await completeContainerIds(ctx, ['events', ''])).toEqual([]);
    expect(await completeContainerIds(ctx, ['--log-level', 'loud', 'events', ''])).toEqual([]);
    expect(seen.stderr).toEqual([]);
  });
});
