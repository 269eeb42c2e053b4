import type { ContainerRef } from '@katamon/core';
import { netnsTargetOf } from './netns-target.js';
import { NetnsSource } from './netns-source.js';
import { parkHelperInNetns } from './park-helper-in-netns.js';

const ref = (over: Partial<ContainerRef>): ContainerRef => ({
  id: 'c',
  runtime: 'runc',
  resolver: 'r',
  status: 'running',
  ...over,
});

describe('netnsTargetOf', () => {
  it('prefers the ref netns path, then the sandbox one, then the init pid', () => {
    expect(netnsTargetOf(ref({ pid: 7, netnsPath: '/proc/9/ns/net' }))).toEqual({
      path: '/proc/9/ns/net',
      pid: 9,
      processBound: true,
    });
    expect(netnsTargetOf(ref({ pid: 7, sandbox: { id: 's', netnsPath: '/run/netns/cni-1' } }))).toEqual({
      path: '/run/netns/cni-1',
      pid: 7,
      processBound: false,
    });
    expect(netnsTargetOf(ref({ runtime: 'kata', sandbox: { id: 's', netnsPath: '/run/netns/cni-1' } }))).toEqual({
      path: '/run/netns/cni-1',
      processBound: false,
    });
    expect(netnsTargetOf(ref({ pid: 7 }))).toEqual({ path: '/proc/7/ns/net', pid: 7, processBound: true });
    expect(netnsTargetOf(ref({}))).toBeUndefined();
  });

  it('makes the source skip refs without any namespace and fail typed on a vanished path', async () => {
    const source = new NetnsSource();
    expect(source.probe(ref({}))).toBe('skip');
    expect(source.probe(ref({ pid: 1 }))).toBe('handle');
    await expect(source.collect(ref({ netnsPath: '/run/netns/katamon-does-not-exist' }))).rejects.toMatchObject({
      kind: 'gone',
    });
  });
});

describe('parkHelperInNetns failures', () => {
  it('reports a helper that cannot enter, with its message', async () => {
    const failing = () => ['sh', '-c', 'echo "setns: Operation not permitted" >&2; exit 1'];
    const error = await parkHelperInNetns('/run/netns/x', { dev: 0, ino: 0 }, failing).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unavailable' });
    expect((error as Error).message).toContain('setns: Operation not permitted');
  });

  it('times out a helper that never reaches the namespace, and stops it', async () => {
    const stuck = () => ['sleep', '30'];
    await expect(parkHelperInNetns('/run/netns/x', { dev: 0, ino: 0 }, stuck, 100)).rejects.toMatchObject({
      kind: 'timeout',
    });
  });
});
