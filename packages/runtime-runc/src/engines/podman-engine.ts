import { boundIdentity, identityFromAnnotations, type HostProbeReport } from '@katamon/core';
import { bundleIn, type EngineProfile } from './engine-profile.js';
import { PodmanStore } from './podman-store.js';

/** Rootful podman's storage root (containers/storage `graphroot`). */
export const PODMAN_STORAGE = '/var/lib/containers/storage';

/**
 * Podman (rootful): its containers are runc or crun containers in the plain roots, marked by the annotation
 * `io.container.manager=libpod` (runc) or a bundle in podman's storage (crun records no annotations). Name and
 * image come from containers/storage's `containers.json` (`names`, `metadata.image-name`, else the image's own
 * name in `images.json`); podman keeps its labels in its database, so only the user's annotations are labels.
 */
export function podmanProfile(storage: string): EngineProfile {
  const store = new PodmanStore(storage);
  return {
    engine: 'podman',
    claims: (facts) => facts.annotations['io.container.manager'] === 'libpod' || bundleIn(storage, facts),
    identify: (facts) => {
      const { labels } = identityFromAnnotations(facts.annotations);
      const issues: string[] = [];
      const { record, issue } = store.container(facts.id);
      if (issue !== undefined) issues.push(issue);
      else if (record === undefined) issues.push(`container ${facts.id} is not in Podman's store under ${storage}`);
      let image = record?.imageName;
      if (image === undefined && record?.image !== undefined) {
        const found = store.image(record.image);
        image = found.record?.names[0] ?? record.image;
      }
      return boundIdentity({ engine: 'podman', name: record?.names[0], image, labels, issues }, 'podman');
    },
  };
}

export function probePodman(storage: string, given: boolean): HostProbeReport {
  const store = new PodmanStore(storage);
  const relative = store.recordFile('containers');
  const found = relative !== undefined;
  const path = `${storage}/${relative ?? 'overlay-containers/containers.json'}`;
  const detail = found
    ? `containers in runc/crun roots, names from ${path}`
    : given
      ? `Podman storage given: ${storage} (no containers.json yet)`
      : `no ${path} (rootful Podman has made no container here; rootless storage is not looked at)`;
  return { engine: 'podman', found: found || given, detail, paths: [{ role: 'container store', path, found }] };
}
