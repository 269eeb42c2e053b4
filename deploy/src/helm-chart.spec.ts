import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DEPLOY_DIR, DEPLOY_PATHS } from './tools/deploy-paths.js';
import { helmBinary } from './tools/helm-binary.js';
import { renderChart, type KubeObject } from './tools/render-chart.js';
import { runTool } from './tools/run-tool.js';
import { validateKubeObject } from './tools/validate-kube-object.js';

/** What katamon reads on a node, each mounted read-only at the same path (deploy/README.md). */
const HOST_PATHS = [
  '/run/containerd',
  '/run/docker',
  '/run/runc',
  '/run/crun',
  '/run/vc',
  '/run/kata',
  '/run/crio',
  '/run/containers/storage',
  '/var/lib/docker/containers',
  '/var/lib/containers/storage',
  '/etc/docker',
  '/sys/fs/cgroup',
];

const VARIANTS: [string, string[]][] = [
  ['defaults', []],
  [
    'token, TLS and a ServiceMonitor',
    ['auth.existingSecret=katamon-token', 'tls.existingSecret=katamon-tls', 'serviceMonitor.enabled=true'],
  ],
  [
    'every knob',
    [
      'image.repository=registry.example/katamon',
      'image.tag=0.1.0-rc1',
      'server.port=19464',
      'server.extraArgs[0]=--max-streams=100',
      'priorityClassName=system-node-critical',
      'podLabels.team=obs',
      'podAnnotations.note=x',
      'serviceMonitor.enabled=true',
      'serviceMonitor.labels.release=prom',
      'serviceMonitor.tlsConfig.serverName=katamon',
      'fullnameOverride=kmon',
    ],
  ],
];

type Container = {
  image: string;
  args: string[];
  ports: { name: string; containerPort: number }[];
  livenessProbe: { httpGet: { path: string; port: string; scheme: string } };
  readinessProbe: { httpGet: { path: string; port: string; scheme: string } };
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  securityContext: Record<string, unknown> & { capabilities: { add: string[]; drop: string[] } };
  volumeMounts: { name: string; mountPath: string; readOnly?: boolean }[];
};
type PodSpec = {
  hostPID?: boolean;
  hostNetwork?: boolean;
  containers: Container[];
  volumes: { name: string; hostPath?: { path: string }; secret?: { secretName: string } }[];
};

function daemonSet(objects: KubeObject[]): { pod: PodSpec; container: Container } {
  const ds = objects.find((o) => o.kind === 'DaemonSet') as unknown as { spec: { template: { spec: PodSpec } } };
  const pod = ds.spec.template.spec;
  return { pod, container: pod.containers[0]! };
}

describe('the Helm chart (deploy/helm/katamon)', () => {
  it('passes helm lint --strict', () => {
    const run = runTool(helmBinary(), ['lint', '--strict', DEPLOY_PATHS.chart]);
    expect(run.output).toContain('0 chart(s) failed');
    expect(run.status).toBe(0);
  });

  it.each(VARIANTS)('renders objects the Kubernetes API schemas accept: %s', async (_name, sets) => {
    const objects = renderChart(sets);
    expect(objects.map((o) => o.kind)).toEqual(expect.arrayContaining(['ServiceAccount', 'Service', 'DaemonSet']));
    for (const object of objects) await validateKubeObject(object);
  });

  it('rejects what the schemas forbid (the validation is not a no-op)', async () => {
    const [object] = renderChart().filter((o) => o.kind === 'DaemonSet');
    const broken = structuredClone(object!) as unknown as { spec: { template: { spec: { hostPID: unknown } } } };
    broken.spec.template.spec.hostPID = 'yes';
    await expect(validateKubeObject(broken as unknown as KubeObject)).rejects.toThrow(/hostPID must be boolean/);
  });

  it('keeps the chart, the image tag and the server on one version', () => {
    const chart = parse(readFileSync(join(DEPLOY_PATHS.chart, 'Chart.yaml'), 'utf8')) as Record<string, string>;
    const server = JSON.parse(readFileSync(join(DEPLOY_DIR, '..', 'apps', 'server', 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(chart['appVersion']).toBe(server.version);
    expect(daemonSet(renderChart()).container.image).toBe(`katamon:${server.version}`);
    expect(daemonSet(renderChart(['image.repository=r.example/k', 'image.tag=t'])).container.image).toBe(
      'r.example/k:t',
    );
  });

  describe('the DaemonSet with default values', () => {
    const { pod, container } = daemonSet(renderChart());

    it('sees the host: hostPID, its own network namespace, every engine state dir and cgroupfs read-only', () => {
      expect(pod.hostPID).toBe(true);
      expect(pod.hostNetwork).toBeUndefined();
      for (const path of HOST_PATHS) {
        const mount = container.volumeMounts.find((m) => m.mountPath === path);
        expect(mount, path).toBeDefined();
        expect(mount!.readOnly, path).toBe(true);
        expect(pod.volumes.find((v) => v.name === mount!.name)?.hostPath?.path, path).toBe(path);
      }
      expect(container.volumeMounts.every((m) => m.readOnly === true)).toBe(true);
    });

    it('probes /healthz and /readyz on the metrics port', () => {
      expect(container.ports).toEqual([{ name: 'http', containerPort: 9464, protocol: 'TCP' }]);
      expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http', scheme: 'HTTP' });
      expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http', scheme: 'HTTP' });
      expect(container.args).toEqual(expect.arrayContaining(['--host=0.0.0.0', '--port=9464']));
    });

    it('asks for measured resources and holds one capability', () => {
      expect(Object.keys(container.resources.requests).sort()).toEqual(['cpu', 'memory']);
      expect(Object.keys(container.resources.limits)).toEqual(['memory']);
      expect(container.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        privileged: false,
        capabilities: { drop: ['ALL'], add: ['SYS_PTRACE'] },
        seccompProfile: { type: 'RuntimeDefault' },
      });
    });
  });

  it('mounts the token Secret, passes --token-file, and probes over HTTPS with TLS', () => {
    const { pod, container } = daemonSet(
      renderChart(['auth.existingSecret=katamon-token', 'tls.existingSecret=katamon-tls']),
    );
    expect(container.args).toEqual(
      expect.arrayContaining([
        '--token-file=/etc/katamon/token/token',
        '--tls-cert=/etc/katamon/tls/tls.crt',
        '--tls-key=/etc/katamon/tls/tls.key',
      ]),
    );
    expect(pod.volumes).toEqual(
      expect.arrayContaining([
        { name: 'token', secret: { secretName: 'katamon-token' } },
        { name: 'tls', secret: { secretName: 'katamon-tls' } },
      ]),
    );
    // A directory mount, not subPath: the kubelet's atomic ..data swap reaches the pod, and katamon re-reads it.
    expect(container.volumeMounts).toEqual(
      expect.arrayContaining([{ name: 'token', mountPath: '/etc/katamon/token', readOnly: true }]),
    );
    expect(container.readinessProbe.httpGet.scheme).toBe('HTTPS');
  });

  it('ServiceMonitor: scrapes every pod of the headless Service, labels the node, keeps the series own pod labels', () => {
    const objects = renderChart(['serviceMonitor.enabled=true', 'auth.existingSecret=katamon-token']);
    const service = objects.find((o) => o.kind === 'Service') as unknown as { spec: { clusterIP: string } };
    expect(service.spec.clusterIP).toBe('None');
    const monitor = objects.find((o) => o.kind === 'ServiceMonitor') as unknown as {
      spec: { endpoints: Record<string, unknown>[] };
    };
    expect(monitor.spec.endpoints).toEqual([
      expect.objectContaining({
        port: 'http',
        path: '/metrics',
        authorization: { type: 'Bearer', credentials: { name: 'katamon-token', key: 'token' } },
        relabelings: [
          { sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'node' },
          { action: 'labeldrop', regex: '(namespace|pod|container|service|endpoint)' },
        ],
      }),
    ]);
    expect(renderChart().some((o) => o.kind === 'ServiceMonitor')).toBe(false);
  });
});
