import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { processStartTime } from '../host/processes.js';
import { claimDefaultPaths } from './default-paths.js';
import { createWorkspace, randomId, type Workspace } from './workspace.js';

/** A runc-style state dir whose "container" is this test process (alive) or a dead pid. */
function fakeState(root: string, id: string, bundle: string, alive: boolean): void {
  mkdirSync(join(root, id), { recursive: true });
  const state = {
    id,
    init_process_pid: alive ? process.pid : 2 ** 22 + 1,
    init_process_start: Number(processStartTime(process.pid)),
    config: { labels: [`bundle=${bundle}`] },
  };
  writeFileSync(join(root, id, 'state.json'), JSON.stringify(state));
}

describe('claimDefaultPaths (on stand-in paths)', () => {
  let ws: Workspace;
  let host: string;
  beforeEach(async () => {
    ws = await createWorkspace('claim');
    host = join(ws.dir, 'host');
    mkdirSync(join(host, 'storage/overlay-containers'), { recursive: true });
    writeFileSync(join(host, 'storage/theirs'), 'keep me');
  });
  afterEach(() => ws.close());

  const claim = (engine: string) =>
    claimDefaultPaths(ws, 'engine', {
      engine,
      paths: [join(host, 'storage'), join(host, 'absent')],
      containers: [{ root: join(host, 'runc'), bundleUnder: join(host, 'storage') }],
      waitMs: 300,
    });

  it('refuses while a live container of someone else runs from the default storage', async () => {
    fakeState(join(host, 'runc'), 'live', join(host, 'storage/overlay-containers/live/userdata'), true);
    await expect(claim(`test-${randomId()}`)).rejects.toThrow(/container .*\/runc\/live runs from/);
    expect(readFileSync(join(host, 'storage/theirs'), 'utf8')).toBe('keep me');
  });

  it('moves the defaults aside, spares dead leftovers, and puts everything back at teardown', async () => {
    fakeState(join(host, 'runc'), 'dead', join(host, 'storage/overlay-containers/dead/userdata'), false);
    const except = await claim(`test-${randomId()}`);
    expect(except).toEqual([join(host, 'runc/dead')]);
    const runtimeContainers = { root: join(host, 'runc'), bundleUnder: join(host, 'storage') };
    ws.record('engine', { kind: 'runtime-containers', runtime: 'runc', ...runtimeContainers, except });
    expect(existsSync(join(host, 'storage'))).toBe(false);
    // What the engine under test makes on the defaults goes at teardown; the originals come back.
    mkdirSync(join(host, 'storage/ours'), { recursive: true });
    mkdirSync(join(host, 'absent'));
    await ws.teardown('engine');
    expect(readFileSync(join(host, 'storage/theirs'), 'utf8')).toBe('keep me');
    expect(existsSync(join(host, 'storage/ours'))).toBe(false);
    expect(existsSync(join(host, 'absent'))).toBe(false);
    expect(existsSync(join(host, 'runc/dead/state.json'))).toBe(true);
  });

  it('serialises claims of the same engine through a host-wide lock', async () => {
    const engine = `test-${randomId()}`;
    await claim(engine);
    const other = await createWorkspace('claim');
    try {
      let second = false;
      const waiting = claimDefaultPaths(other, 'engine', { engine, paths: [] }).then(() => (second = true));
      await new Promise((r) => setTimeout(r, 300));
      expect(second).toBe(false);
      await ws.teardown('engine');
      await waiting;
      expect(second).toBe(true);
    } finally {
      await other.close();
    }
  });
});
