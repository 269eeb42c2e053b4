import { boundIdentity, hasCrioAnnotations, identityFromAnnotations, type HostProbeReport } from '@katamon/core';
import { bundleIn, type EngineProfile } from './engine-profile.js';
import { readBundleAnnotations } from '@katamon/sysfs';
import { probed } from './probe-paths.js';

/** CRI-O's own run directory (its socket, `crio.sock`): present while CRI-O runs. */
export const CRIO_RUN = '/run/crio';
/** containers/storage's `runroot`: CRI-O's bundles are `<this>/overlay-containers/<id>/userdata`. */
export const CRIO_RUN_ROOT = '/run/containers/storage';

function bundleAnnotations(runRoot: string, bundle: string, issues: string[]): Record<string, string> {
  const read = readBundleAnnotations(runRoot, bundle.slice(runRoot.length + 1));
  if (!read.found) issues.push(read.issue ?? `no OCI bundle config in ${bundle}`);
  return read.annotations;
}

/**
 * CRI-O: runc or crun containers in the plain roots, marked by CRI-O's annotations (runc records them) or a
 * bundle under CRI-O's run root (crun records none: they are read from the bundle's config.json). Name, image,
 * labels and the pod come from those annotations; CRI-O's own `k8s_…` name is an alias (cAdvisor's `name`).
 */
export function crioProfile(runRoot: string): EngineProfile {
  return {
    engine: 'cri-o',
    claims: (facts) => hasCrioAnnotations(facts.annotations) || bundleIn(runRoot, facts),
    identify: (facts) => {
      const issues: string[] = [];
      const annotations = hasCrioAnnotations(facts.annotations)
        ? facts.annotations
        : bundleAnnotations(runRoot, facts.bundle as string, issues);
      const found = identityFromAnnotations(annotations);
      return boundIdentity({ ...found, engine: 'cri-o', issues: [...(found.issues ?? []), ...issues] }, 'cri-o');
    },
  };
}

export function probeCrio(run: string, given: boolean): HostProbeReport {
  const dir = probed('CRI-O run directory', run);
  const detail = dir.found
    ? 'containers in runc/crun roots, identity from their CRI-O annotations'
    : given
      ? `CRI-O given: ${run}`
      : `no ${run} (CRI-O is not running here)`;
  return { engine: 'cri-o', found: dir.found || given, detail, paths: [dir] };
}
