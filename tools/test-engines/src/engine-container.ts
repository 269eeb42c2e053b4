import { readRuncState, type RuncState } from './host/runc-state.js';

/** The engines this harness runs; `cri` is containerd's CRI service (Kubernetes pods). */
export type Engine = 'containerd' | 'docker' | 'podman' | 'cri';

/** A running container made by a real engine, located the way a monitor finds it: by its runc state. */
export interface EngineContainer {
  readonly engine: Engine;
  /** The full id (runc's, the engine's). */
  readonly id: string;
  /** The engine's name for it (Docker/Podman `--name`, the CRI container name); the id for ctr. */
  readonly name: string;
  /** The OCI runtime's state root: `<root>/<id>/state.json`. */
  readonly runtimeRoot: string;
  /** Host pid of the container's init process. */
  readonly pid: number;
  /** Re-reads state.json. */
  state(): RuncState;
  /** Stops and removes the container through its engine. */
  remove(): Promise<void>;
}

export function engineContainer(
  engine: Engine,
  id: string,
  name: string,
  runtimeRoot: string,
  remove: () => Promise<void>,
): EngineContainer {
  const state = () => readRuncState(runtimeRoot, id);
  return { engine, id, name, runtimeRoot, pid: state().pid, state, remove };
}

/** CFS bandwidth: `quota` µs of CPU time every `period` µs (0.2 CPU = 20000/100000). */
export interface CpuLimit {
  quota: number;
  period: number;
}

/** What every engine's `run` takes. */
export interface RunOptions {
  image: string;
  command?: readonly string[];
  /** Docker/Podman `--name`, ctr's container id; default `katamon-<random>`. */
  name?: string;
  labels?: Readonly<Record<string, string>>;
  /** OCI annotations (ctr, Podman; Docker 20.10 has none). */
  annotations?: Readonly<Record<string, string>>;
  cpu?: CpuLimit;
  /** Bytes; swap is limited to the same, so the limit is a real one (an OOM, not a swap-out). */
  memoryLimit?: number;
}
