/**
 * How long the harness takes for each thing a suite does: start a daemon, import an image, run a container,
 * run a pod, tear down. `npm run measure -w tools/test-engines [-- <rounds>]`; prints medians in ms.
 */
import { startContainerd } from './containerd/start-containerd.js';
import { importCriImage, runPod } from './cri/run-pod.js';
import { startDockerd } from './docker/start-dockerd.js';
import { busyboxImage, dockerFamiliarName } from './oci/index.js';
import { createPodman } from './podman/podman.js';

const rounds = Number(process.argv[2] ?? 3);
const samples = new Map<string, number[]>();

async function timed<T>(what: string, action: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await action();
  samples.set(what, [...(samples.get(what) ?? []), performance.now() - start]);
  return result;
}

const image = busyboxImage();
for (let round = 0; round < rounds; round++) {
  const containerd = await timed('containerd: start', () => startContainerd());
  await timed('containerd: ctr images import', () => containerd.importImage(image));
  await timed('containerd: ctr run', () => containerd.run({ image: image.reference }));
  const dockerd = await timed('dockerd: start', () => startDockerd({ containerd }));
  await timed('dockerd: docker load', () => dockerd.load(image));
  await timed('dockerd: docker run', () => dockerd.run({ image: dockerFamiliarName(image.reference) }));
  await timed('containerd+dockerd: stop (2 containers)', () => containerd.stop());

  const cri = await timed('containerd --cri: start', () => startContainerd({ cri: true }));
  // The first CRI use imports the pause image too.
  await timed('cri: import busybox (+ pause) until the CRI sees it', () => importCriImage(cri, image));
  await timed('cri: run pod (sandbox + 2 containers)', () =>
    runPod(cri, {
      namespace: 'measure',
      name: 'web',
      containers: [
        { name: 'a', image: image.reference },
        { name: 'b', image: image.reference },
      ],
    }),
  );
  await timed('cri: stop (pod removed through CRI)', () => cri.stop());

  const podman = await timed('podman: create (workspace + watchdog)', () => createPodman());
  await timed('podman: load', () => podman.load(image));
  await timed('podman: run', () => podman.run({ image: image.reference }));
  await timed('podman: stop (1 container)', () => podman.stop());
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
console.log(`median of ${rounds} rounds, ms`);
for (const [what, values] of samples) console.log(`${median(values).toFixed(0).padStart(7)}  ${what}`);
