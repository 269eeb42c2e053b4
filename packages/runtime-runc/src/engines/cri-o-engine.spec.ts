import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RuncResolver } from '../runc-resolver.js';
import { selfProcess, tempRoot, type TempRoot } from '../state-root.fixture.js';
import { crioProfile, probeCrio } from './cri-o-engine.js';
import { podmanProfile } from './podman-engine.js';
import { crunProfile, runcProfile } from './runc-engine.js';

// CRI-O is not packaged in Debian 12: its annotations (node-runtimes reference §2) on runc and crun state.
const annotations = {
  'io.kubernetes.cri-o.ContainerType': 'container',
  'io.kubernetes.cri-o.SandboxID': 'sb1',
  'io.kubernetes.pod.name': 'web-5d8f',
  'io.kubernetes.pod.namespace': 'shop',
  'io.kubernetes.pod.uid': 'u-1',
  'io.kubernetes.container.name': 'nginx',
  'io.kubernetes.cri-o.ImageName': 'docker.io/library/nginx:1.25',
  'io.kubernetes.cri-o.Name': 'k8s_nginx_web-5d8f_shop_u-1_0',
  'io.kubernetes.cri-o.Labels': '{"app":"web"}',
};
const expected = {
  engine: 'cri-o',
  name: 'nginx',
  aliases: ['k8s_nginx_web-5d8f_shop_u-1_0'],
  image: 'docker.io/library/nginx:1.25',
  labels: { app: 'web' },
  pod: { name: 'web-5d8f', namespace: 'shop', uid: 'u-1', container: 'nginx', type: 'container', sandboxId: 'sb1' },
};

describe('CRI-O engine', () => {
  let root: TempRoot;
  let runRoot: string;
  beforeEach(async () => {
    root = await tempRoot('katamon-crio-');
    runRoot = join(root.path, '..', 'containers-storage');
  });
  afterEach(() => root.cleanup());
  const engines = () => [podmanProfile(join(root.path, '..', 'podman')), crioProfile(runRoot)];

  it('claims a runc container by its annotations, which name it', async () => {
    const dir = await root.add('c1', await selfProcess());
    const state = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8'));
    state.config.labels = [...Object.entries(annotations).map(([k, v]) => `${k}=${v}`), 'bundle=/x'];
    await writeFile(join(dir, 'state.json'), JSON.stringify(state));
    await root.add('plain', await selfProcess());
    const refs = await new RuncResolver({
      roots: [{ path: root.path, runtime: 'runc', engines: [...engines(), runcProfile] }],
    }).list();
    expect(refs.map((r) => [r.id, r.identity?.engine])).toEqual([
      ['c1', 'cri-o'],
      ['plain', 'runc'],
    ]);
    expect(refs[0]?.identity).toEqual(expected);
  });

  it('claims a crun container by its bundle under the run root and reads the annotations there', async () => {
    const self = await selfProcess();
    const bundle = join(runRoot, 'overlay-containers', 'c2', 'userdata');
    await mkdir(bundle, { recursive: true });
    await writeFile(join(bundle, 'config.json'), JSON.stringify({ ociVersion: '1.0.2', annotations }));
    await mkdir(join(root.path, 'c2'));
    await writeFile(
      join(root.path, 'c2', 'status'),
      JSON.stringify({ pid: self.pid, 'process-start-time': self.startTime, 'cgroup-path': '', bundle, created: 'x' }),
    );
    const [ref] = await new RuncResolver({
      roots: [{ path: root.path, runtime: 'crun', engines: [...engines(), crunProfile] }],
      cgroupRoot: '/sys/fs/cgroup',
    }).list();
    expect(ref).toMatchObject({ id: 'c2', runtime: 'crun', status: 'running' });
    expect(ref?.identity).toEqual(expected);
  });

  it('probes CRI-O’s run directory', () => {
    expect(probeCrio(root.path, false)).toMatchObject({ engine: 'cri-o', found: true });
    expect(probeCrio(join(root.path, 'none'), false)).toMatchObject({
      found: false,
      detail: expect.stringContaining('not running'),
    });
  });
});
