import type { ContainerIdentity, ContainerRef } from '@katamon/core';
import { containerLabels } from './container-labels.js';

const ref = (id: string, identity: ContainerIdentity): ContainerRef => ({
  id,
  runtime: 'runc',
  resolver: 'r',
  status: 'running',
  cgroup: { version: 1, paths: { memory: `/sys/fs/cgroup/memory/system.slice/docker-${id}.scope` } },
  identity,
});

describe(containerLabels, () => {
  it('labels a Docker container with its name and image, as cAdvisor does', () => {
    expect(containerLabels(ref('d1', { engine: 'docker', name: 'web1', image: 'nginx:1.25' }))).toEqual({
      id: '/system.slice/docker-d1.scope',
      name: 'web1',
      image: 'nginx:1.25',
      pod: '',
      namespace: '',
      container: 'web1',
    });
  });

  it('labels a containerd CRI container with its id as name, and its pod', () => {
    const labels = containerLabels(
      ref('c1', {
        engine: 'containerd',
        namespace: 'k8s.io',
        name: 'nginx',
        image: 'docker.io/library/nginx:1.25',
        pod: { name: 'web-5d8f', namespace: 'shop', container: 'nginx', type: 'container' },
      }),
    );
    expect(labels).toMatchObject({
      name: 'c1',
      image: 'docker.io/library/nginx:1.25',
      pod: 'web-5d8f',
      namespace: 'shop',
      container: 'nginx',
    });
  });

  it('labels a CRI-O container with CRI-O’s own name', () => {
    const labels = containerLabels(
      ref('o1', {
        engine: 'cri-o',
        name: 'nginx',
        aliases: ['k8s_nginx_web_shop_u1_0'],
        pod: { name: 'web', container: 'nginx' },
      }),
    );
    expect(labels).toMatchObject({ name: 'k8s_nginx_web_shop_u1_0', pod: 'web', container: 'nginx' });
  });

  it('labels a plain runc container by its id, with no image', () => {
    expect(containerLabels(ref('mybox', { engine: 'runc', name: 'mybox' }))).toMatchObject({
      name: 'mybox',
      image: '',
      container: 'mybox',
    });
  });
});
