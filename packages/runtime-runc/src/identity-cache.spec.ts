import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { boundIdentity } from '@katamon/core';
import type { EngineProfile } from './engines/engine-profile.js';
import { RuncResolver } from './runc-resolver.js';
import { selfProcess, tempRoot, type TempRoot } from './state-root.fixture.js';

describe('identities are read once per container life', () => {
  let root: TempRoot;
  beforeEach(async () => {
    root = await tempRoot();
  });
  afterEach(() => root.cleanup());

  it('across listings, lookups and refreshes; again for a container recreated under the same id', async () => {
    const seen: string[] = [];
    const counting: EngineProfile = {
      engine: 'docker',
      claims: () => true,
      identify: (facts) => {
        seen.push(`${facts.id}@${facts.created ?? ''}`);
        return boundIdentity({ engine: 'docker', name: `n-${facts.id}` }, 'docker');
      },
    };
    const resolver = new RuncResolver({ roots: [{ path: root.path, runtime: 'runc', engines: [counting] }] });
    const dir = await root.add('a1', await selfProcess());
    await root.add('b2', await selfProcess());
    await resolver.list();
    const [ref] = await resolver.match('a1');
    await resolver.refresh(ref!);
    await resolver.list();
    expect(seen).toEqual(['a1@2026-11-29T21:27:32.718018227Z', 'b2@2026-11-29T21:27:32.718018227Z']);

    const state = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8'));
    await writeFile(join(dir, 'state.json'), JSON.stringify({ ...state, created: '2026-12-01T00:00:00Z' }));
    expect((await resolver.match('a1'))[0]?.identity?.name).toBe('n-a1');
    expect(seen).toHaveLength(3);

    // A listing forgets the containers that are gone.
    await rm(join(root.path, 'b2'), { recursive: true });
    await resolver.list();
    await root.add('b2', await selfProcess());
    await resolver.list();
    expect(seen).toHaveLength(4);
  });

  it('answers exact ids without listing a root, and names from the identities', async () => {
    const naming: EngineProfile = {
      engine: 'docker',
      claims: () => true,
      identify: (facts) => boundIdentity({ engine: 'docker', name: `n-${facts.id}` }, 'docker'),
    };
    const resolver = new RuncResolver({ roots: [{ path: root.path, runtime: 'runc', engines: [naming] }] });
    await root.add('a1', await selfProcess());
    await root.add('a12', await selfProcess());
    expect((await resolver.matchExact('a1')).map((r) => r.id)).toEqual(['a1']);
    expect(await resolver.matchExact('a')).toEqual([]);
    expect((await resolver.matchName('n-a12')).map((r) => [r.id, r.status])).toEqual([['a12', 'running']]);
    expect(await resolver.matchName('a1')).toEqual([]);
  });

  it('keeps the container, with an issue, when a profile throws', async () => {
    const broken: EngineProfile = {
      engine: 'podman',
      claims: () => true,
      identify: () => {
        throw new Error('boom');
      },
    };
    await root.add('c3', await selfProcess());
    const [ref] = await new RuncResolver({ roots: [{ path: root.path, runtime: 'runc', engines: [broken] }] }).list();
    expect(ref).toMatchObject({ id: 'c3', status: 'running', identity: { engine: 'podman', issues: ['boom'] } });
  });
});
