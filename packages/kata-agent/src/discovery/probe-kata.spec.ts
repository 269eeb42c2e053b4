import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testHostContext } from '@katamon/core-testing';
import { probeKata } from './probe-kata.js';

const ctx = testHostContext;

describe(probeKata, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'katamon-kata-probe-'));
    await mkdir(join(dir, 'vc', 'sbs'), { recursive: true });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('finds the Go runtime’s sandbox store, and says why when there is none', () => {
    const [found] = probeKata(ctx({ kata: join(dir, 'vc'), kataShim: join(dir, 'no-kata') }));
    expect(found).toMatchObject({ engine: 'kata', found: true, detail: `sandboxes under ${join(dir, 'vc', 'sbs')}` });
    const [absent] = probeKata(ctx({ kata: join(dir, 'none'), kataShim: join(dir, 'no-kata') }));
    expect(absent).toMatchObject({ found: false, detail: expect.stringContaining('no Kata sandbox on this host') });
  });

  it('counts roots the user gave as found, and looks at nothing else when discovery leaves Kata out', () => {
    expect(probeKata(ctx({ kata: join(dir, 'none') }, { givenRoots: ['kata'] }))[0]?.found).toBe(true);
    expect(probeKata(ctx({ kata: join(dir, 'vc') }, { discover: [] }))[0]).toMatchObject({
      found: false,
      detail: 'not discovered (--discover)',
    });
  });
});
