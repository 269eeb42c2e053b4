import type { ContainerRef } from '../ports/container-ref.js';
import type { Katamon } from './katamon.js';
import { diagnoseKatamon } from './diagnose-katamon.js';

const ref = (id: string, identity: ContainerRef['identity'], labels?: Record<string, string>): ContainerRef => ({
  id,
  runtime: 'runc',
  resolver: 'r',
  status: 'running',
  ...(identity === undefined ? {} : { identity }),
  ...(labels === undefined ? {} : { labels }),
});

function katamonWith(list: () => Promise<ContainerRef[]>): Katamon {
  return {
    list,
    health: () => ({
      plugins: [{ name: '@katamon/runtime-runc', ok: true }],
      sources: ['cgroup-v1'],
      resolvers: ['runc', 'docker'],
    }),
    probeHost: async () => [
      {
        engine: 'docker',
        found: true,
        detail: 'exec root found',
        paths: [{ role: 'state root', path: '/x', found: true }],
      },
      { engine: 'podman', found: false, detail: 'no containers.json', paths: [] },
    ],
  } as unknown as Katamon;
}

describe(diagnoseKatamon, () => {
  it('counts containers per probed engine, adds engines only plugins list, and collects per-container issues', async () => {
    const report = await diagnoseKatamon(
      katamonWith(async () => [
        ref('d1', { engine: 'docker', name: 'web' }),
        ref('d2', { engine: 'docker', issues: ['config.v2.json: too large'] }),
        ref('p1', { engine: 'process' }),
        ref('u1', { engine: 'runc' }, { error: 'corrupt state file /run/runc/u1/state.json' }),
      ]),
    );
    expect(report.engines.map((e) => [e.engine, e.found, e.containers])).toEqual([
      ['docker', true, 2],
      ['podman', false, 0],
      ['process', true, 1],
      ['runc', true, 1],
    ]);
    expect(report.containers).toEqual({ total: 4, byEngine: { docker: 2, process: 1, runc: 1 } });
    expect(report.issues).toEqual([
      { container: 'docker/d2', engine: 'docker', messages: ['config.v2.json: too large'] },
      { container: 'runc/u1', engine: 'runc', messages: ['corrupt state file /run/runc/u1/state.json'] },
    ]);
  });

  it('reports a failed listing instead of failing', async () => {
    const error = Object.assign(new Error('cannot list /run/runc'), { kind: 'permission-denied' });
    const report = await diagnoseKatamon(katamonWith(() => Promise.reject(error)));
    expect(report.listError).toEqual({ kind: 'permission-denied', message: 'cannot list /run/runc' });
    expect(report.engines).toHaveLength(2);
  });
});
