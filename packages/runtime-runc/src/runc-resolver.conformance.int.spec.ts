import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContainerRef } from '@katamon/core';
import { describeContainerResolver } from '@katamon/core-testing';
import { runcAvailable, startRuncContainer, type RuncContainer } from '@katamon/test-fixtures';
import { RuncResolver } from './runc-resolver.js';

// The conformance suite plugin authors run on their resolvers, on the built-in one over real runc containers.
const prefix = `kc${Math.random().toString(36).slice(2, 8)}`;
let root: string;
let running: RuncContainer | undefined;
const resolver = () => new RuncResolver({ roots: [{ path: root, runtime: 'runc' }] });

describeContainerResolver('runc (real containers)', {
  async fixtures() {
    expect(runcAvailable(), 'missing prerequisite: run .ci/run (root, runc, busybox-static)').toBe(true);
    root = await mkdtemp(join(tmpdir(), 'katamon-runc-conformance-'));
    running = await startRuncContainer({ id: `${prefix}-run`, root });
    const deleted = await startRuncContainer({ id: `${prefix}-gone`, root });
    const [gone] = await resolver().match(deleted.id);
    await deleted.delete();
    return { present: [{ id: running.id, status: 'running' }], gone: gone as ContainerRef };
  },
  create: resolver,
  async cleanup() {
    await running?.delete();
    await rm(root, { recursive: true, force: true });
  },
});
