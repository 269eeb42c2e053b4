/**
 * Run by watchdog.int.spec.ts as a separate node process: starts every engine with a container each, prints
 * what it made as one JSON line, then waits to be SIGKILLed. Nothing here cleans up: the watchdogs must.
 */
import { startContainerd } from '../containerd/start-containerd.js';
import { importCriImage, runPod } from '../cri/run-pod.js';
import { startDockerd } from '../docker/start-dockerd.js';
import { busyboxImage, dockerFamiliarName } from '../oci/index.js';
import { createPodman } from '../podman/podman.js';
import { busyWorkload, idleWorkload } from '../workloads/workloads.js';

const image = busyboxImage();
const containerd = await startContainerd({ cri: true });
await containerd.importImage(image);
const ctr = await containerd.run({ image: image.reference, ...busyWorkload(0.1) });
await importCriImage(containerd, image);
const pod = await runPod(containerd, {
  namespace: 'crash',
  name: 'crash',
  containers: [{ name: 'app', image: image.reference, ...idleWorkload() }],
});
const dockerd = await startDockerd({ containerd });
await dockerd.load(image);
const docker = await dockerd.run({ image: dockerFamiliarName(image.reference), ...idleWorkload() });
const podman = await createPodman();
await podman.load(image);
const podmanContainer = await podman.run({ image: image.reference, ...idleWorkload() });

const made = {
  dirs: [containerd.workspace.dir, podman.workspace.dir],
  watchdogs: [containerd.workspace.watchdogPid, podman.workspace.watchdogPid],
  daemons: [containerd.pid, dockerd.pid],
  containers: [ctr, ...pod.containers, pod.sandbox, docker, podmanContainer].map((c) => ({
    root: c.runtimeRoot,
    id: c.id,
    pid: c.pid,
  })),
  cgroups: [pod.cgroupParent],
};
process.stdout.write(JSON.stringify(made) + '\n');
setInterval(() => undefined, 1 << 30);
