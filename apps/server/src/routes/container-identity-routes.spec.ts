import { ref } from '../testing/in-memory-katamon.js';
import { useRouteHarness } from '../testing/route-harness.js';

describe('container identities over HTTP', () => {
  const h = useRouteHarness(() => [ref('abc111'), ref('abc222'), ref('def333'), ref('old444', 'stopped')]);

  it('lists each container with its identity, and filters by engine, label and name', async () => {
    h.world.refs[0] = {
      ...ref('abc111'),
      identity: { engine: 'docker', name: 'web', image: 'nginx', labels: { app: 'shop' } },
    };
    h.world.refs[1] = {
      ...ref('abc222'),
      identity: { engine: 'docker', name: 'db', labels: { app: 'shop', tier: 'back' } },
    };
    const ids = async (query: string) =>
      (await h.get(`/v1/containers${query}`, '/v1/containers')).body.containers.map((c: { id: string }) => c.id);
    const list = await h.get('/v1/containers', '/v1/containers');
    expect(list.body.containers[0].identity).toEqual({
      engine: 'docker',
      name: 'web',
      image: 'nginx',
      labels: { app: 'shop' },
    });
    expect(list.body.containers[2].identity).toEqual({ engine: 'runc' });
    expect(await ids('?engine=docker')).toEqual(['abc111', 'abc222']);
    expect(await ids('?engine=docker&engine=runc')).toEqual(['abc111', 'abc222', 'def333', 'old444']);
    expect(await ids('?label=app%3Dshop&label=tier')).toEqual(['abc222']);
    expect(await ids('?name=we')).toEqual(['abc111']);
    expect((await h.get('/v1/containers/web', '/v1/containers/{id}')).body.id).toBe('abc111');
    expect((await h.get('/v1/containers/docker%2Fdb', '/v1/containers/{id}')).body.id).toBe('abc222');
  });

  it('answers /v1/doctor with the doctor’s report', async () => {
    const doctor = await h.get('/v1/doctor', '/v1/doctor');
    expect(doctor.status).toBe(200);
    expect(doctor.body).toMatchObject({ containers: { total: 4, byEngine: { runc: 4 } }, resolvers: ['memory'] });
  });
});
