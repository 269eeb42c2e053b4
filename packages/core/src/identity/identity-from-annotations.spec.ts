import { identityFromAnnotations, isInternalAnnotation } from './identity-from-annotations.js';

/** Annotations as containerd's CRI plugin wrote them for a pod's app container (runc state `config.labels`). */
const criContainer = {
  'io.kubernetes.cri.container-type': 'container',
  'io.kubernetes.cri.sandbox-id': 'a1b2c3',
  'io.kubernetes.cri.sandbox-name': 'web-5d8f',
  'io.kubernetes.cri.sandbox-namespace': 'shop',
  'io.kubernetes.cri.sandbox-uid': '0f4e6c3a-1111-2222-3333-444455556666',
  'io.kubernetes.cri.container-name': 'nginx',
  'io.kubernetes.cri.image-name': 'docker.io/bars/busybox:1',
};

/** CRI-O's keys for the same container. */
const crioContainer = {
  'io.kubernetes.cri-o.ContainerType': 'container',
  'io.kubernetes.cri-o.SandboxID': 'a1b2c3',
  'io.kubernetes.pod.name': 'web-5d8f',
  'io.kubernetes.pod.namespace': 'shop',
  'io.kubernetes.pod.uid': '0f4e6c3a-1111-2222-3333-444455556666',
  'io.kubernetes.container.name': 'nginx',
  'io.kubernetes.cri-o.ImageName': 'docker.io/library/nginx:1.25',
  'io.kubernetes.cri-o.Name': 'k8s_nginx_web-5d8f_shop_0f4e6c3a-1111-2222-3333-444455556666_0',
  'io.kubernetes.cri-o.Labels': '{"io.kubernetes.container.name":"nginx","app":"web"}',
};

/** The app container's pod identity, as either CRI implementation gives it. */
const appPod = {
  name: 'web-5d8f',
  namespace: 'shop',
  uid: '0f4e6c3a-1111-2222-3333-444455556666',
  container: 'nginx',
  type: 'container',
  sandboxId: 'a1b2c3',
};

describe(identityFromAnnotations, () => {
  it('reads the pod identity containerd’s CRI writes', () => {
    expect(identityFromAnnotations(criContainer)).toEqual({
      name: 'nginx',
      image: 'docker.io/bars/busybox:1',
      pod: appPod,
    });
  });

  it('names a sandbox after its pod and gives it no Kubernetes container name', () => {
    const sandbox = identityFromAnnotations({
      ...criContainer,
      'io.kubernetes.cri.container-type': 'sandbox',
      'io.kubernetes.cri.container-name': 'ignored',
    });
    expect(sandbox.name).toBe('web-5d8f');
    expect(sandbox.pod).toMatchObject({ type: 'sandbox', name: 'web-5d8f' });
    expect(sandbox.pod?.container).toBeUndefined();
  });

  it('reads CRI-O’s keys, its own container name as an alias, and its labels', () => {
    expect(identityFromAnnotations(crioContainer)).toEqual({
      name: 'nginx',
      aliases: ['k8s_nginx_web-5d8f_shop_0f4e6c3a-1111-2222-3333-444455556666_0'],
      image: 'docker.io/library/nginx:1.25',
      labels: { 'io.kubernetes.container.name': 'nginx', app: 'web' },
      pod: appPod,
    });
  });

  it('says why CRI-O labels that are not a JSON object are left out', () => {
    const id = identityFromAnnotations({ ...crioContainer, 'io.kubernetes.cri-o.Labels': '{"a":' });
    expect(id.labels).toBeUndefined();
    expect(id.issues).toEqual([
      'annotation io.kubernetes.cri-o.Labels is not a JSON object of strings: labels left out',
    ]);
  });

  it('takes nerdctl’s name, and keeps the user’s annotations as labels but not the engines’ own', () => {
    // podman's annotations as runc recorded them (podman 4.3 here), plus one of the user's and nerdctl's name.
    const id = identityFromAnnotations({
      'org.opencontainers.image.stopSignal': '15',
      'io.container.manager': 'libpod',
      'io.kubernetes.cri-o.Created': '2026-12-07T23:02:39.676025761Z',
      'io.kubernetes.cri-o.TTY': 'false',
      'io.podman.annotations.autoremove': 'FALSE',
      'nerdctl/name': 'cache',
      'my.label': 'hello world',
    });
    expect(id).toEqual({ name: 'cache', labels: { 'my.label': 'hello world' } });
  });

  it('has nothing to say about a plain runc container', () => {
    expect(identityFromAnnotations({})).toEqual({});
    expect(isInternalAnnotation('io.kubernetes.cri.sandbox-id')).toBe(true);
    expect(isInternalAnnotation('com.example.team')).toBe(false);
  });
});
