import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRuncContainer, type RuncContainer, type RuncContainerOptions } from '@katamon/test-fixtures';
import { get } from '../server/http-client.js';
import { startServer, type ServerProcess } from '../server/server-process.js';

/** One "node": its own runc state root with real containers, and a katamon-server reading only that root. */
export interface KatamonNode {
  name: string;
  server: ServerProcess;
  containers: RuncContainer[];
  /** A container's total CPU time (s) as katamon's /v1 reads it now, and when. */
  cpuSeconds(id: string): Promise<{ seconds: number; at: number }>;
  /** The running containers katamon lists. */
  list(): Promise<string[]>;
  stop(): Promise<void>;
}

export interface NodeContainer extends RuncContainerOptions {
  /** Give the container an `eth0` (a veth whose host end is removed at stop), so it has network series. */
  veth?: boolean;
  /**
   * Set a throttle rule far above any real rate on the disk of its rootfs. cgroup v1 blkio counts a cgroup's
   * I/O only while a throttle rule exists for it on that device (seen on 6.x kernels); v2's io.stat always does.
   */
  countBlockIo?: boolean;
}

const BLKIO = '/sys/fs/cgroup/blkio';

/** `major:minor` of the whole disk holding `path` (throttle rules take disks, not partitions). */
function diskOf(path: string): string {
  const dev = statSync(path).dev;
  const id = `${Math.floor(dev / 256) & 0xfff}:${(dev & 0xff) | ((dev >> 12) & 0xfff00)}`;
  const sys = `/sys/dev/block/${id}`;
  return existsSync(`${sys}/partition`) ? readFileSync(`${realpathSync(sys)}/../dev`, 'utf8').trim() : id;
}

function ip(args: string[]): void {
  const run = spawnSync('ip', args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`ip ${args.join(' ')}: ${run.stderr}`);
}

export async function startKatamonNode(name: string, specs: NodeContainer[]): Promise<KatamonNode> {
  const dir = mkdtempSync(join(tmpdir(), `katamon-e2e-${name}-`));
  const root = join(dir, 'runc');
  const empty = join(dir, 'empty');
  mkdirSync(root);
  mkdirSync(empty);
  const containers: RuncContainer[] = [];
  const veths: string[] = [];
  let server: ServerProcess | undefined;
  const stop = async () => {
    await server?.stop();
    for (const veth of veths) spawnSync('ip', ['link', 'del', veth]);
    for (const c of containers) await c.delete();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const spec of specs) {
      const container = await startRuncContainer({ ...spec, root });
      containers.push(container);
      if (spec.countBlockIo === true && existsSync(BLKIO)) {
        const cgroup = `${BLKIO}${spec.cgroupsPath ?? `/katamon-test/${container.id}`}`;
        for (const file of ['blkio.throttle.read_bps_device', 'blkio.throttle.write_bps_device'])
          writeFileSync(`${cgroup}/${file}`, `${diskOf(container.bundle)} ${2 ** 40}\n`);
      }
      if (spec.veth === true) {
        const host = `kv${Math.random().toString(36).slice(2, 10)}`;
        ip(['link', 'add', host, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', String(container.pid)]);
        veths.push(host);
        ip(['link', 'set', host, 'up']);
        const up = spawnSync('nsenter', [`--net=/proc/${container.pid}/ns/net`, 'ip', 'link', 'set', 'eth0', 'up']);
        if (up.status !== 0) throw new Error(`cannot bring eth0 up in ${container.id}: ${up.stderr}`);
      }
    }
    // Only this node's root: empty crun and Kata roots keep the host's other containers out.
    server = await startServer(['--root', root, '--crun-root', empty, '--kata-root', empty, '--max-age', '0']);
  } catch (error) {
    await stop();
    throw error;
  }
  const address = server.address;
  return {
    name,
    server,
    containers,
    async cpuSeconds(id) {
      const before = Date.now();
      const answer = await get(address, `/v1/containers/${id}/stats?schema=runc`);
      const at = (before + Date.now()) / 2 / 1000;
      if (answer.status !== 200) throw new Error(`/stats of ${id}: ${answer.status} ${answer.text}`);
      const event = JSON.parse(answer.text) as { data: { cpu: { usage: { total: number } } } };
      return { seconds: event.data.cpu.usage.total / 1e9, at };
    },
    async list() {
      const answer = await get(address, '/v1/containers');
      const body = answer.json as { containers: { id: string; status: string }[] };
      return body.containers.filter((c) => c.status === 'running').map((c) => c.id);
    },
    stop,
  };
}
