import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeEvent, type Katamon } from '@katamon/core';
import { createKatamonFromPlugins } from '@katamon/composition';
import { FakeShim } from '@katamon/test-fixtures';
import { plugin as kataPlugin } from '@katamon/kata-agent';
import { ensureBundle, runKatamon } from '../cli/katamon-cli.js';
import { KNOWN_ID, requireGoTtrpc, startKataAgentRef, type RunningAgentRef } from './kata-agent-ref.js';

const SANDBOX = 'a5b0feed0123456789abcdef0123456789abcdef0123456789abcdef01234567';

/**
 * What `kata-runtime events --stats` prints for the reference agent's values (go/main.go knownStats and
 * knownMetrics), written by hand from events-contract §2.b–2.c: declaration order, omitempty per field,
 * sorted map keys, Go's HTML escaping, guest interfaces from kata_guest_netdev_stat (lo first).
 * Deliberate difference from Kata 1.x: ioQueueRecursive is kept (Kata loses it in a JSON round-trip, §4).
 */
const EXPECTED_LINE =
  `{"type":"stats","id":"${KNOWN_ID}","data":{` +
  '"cpu":{"usage":{"total":214098440,"percpu":[107049220,107049220],"kernel":130000000,"user":10000000},' +
  '"throttling":{"periods":120,"throttledPeriods":7,"throttledTime":18446744073709551615}},' +
  '"memory":{"cache":827392,' +
  '"usage":{"limit":9223372036854771712,"usage":1204224,"max":34201600,"failcnt":0},' +
  '"swap":{"limit":9223372036854771712,"usage":1204224,"max":34201600,"failcnt":0},' +
  '"kernel":{"limit":9223372036854771712,"usage":221184,"max":421888,"failcnt":3},' +
  '"kernelTCP":{"limit":0,"failcnt":0},' +
  '"raw":{"\\u003codd\\u003e\\u0026key":1,"cache":827392,"hierarchical_memory_limit":9223372036854771712,"pgfault":6765,"pgmajfault":0,"rss":4096,"total_cache":827392}},' +
  '"pids":{"current":3,"limit":64},' +
  '"blkio":{' +
  '"ioServiceBytesRecursive":[{"major":8,"op":"Read","value":4096},{"major":8,"op":"Write","value":8192},{"major":8,"op":"Total","value":12288}],' +
  '"ioServicedRecursive":[{"major":8,"op":"Read","value":1},{"major":8,"op":"Write","value":2}],' +
  '"ioQueueRecursive":[{"major":8,"op":"Total","value":5}],' +
  '"ioTimeRecursive":[{"major":8,"minor":16,"value":77}],' +
  '"sectorsRecursive":[{"major":8,"value":24}]},' +
  '"hugetlb":{"1GB":{"failcnt":0},"2MB":{"usage":2097152,"max":4194304,"failcnt":1}},' +
  '"intel_rdt":{},' +
  '"interfaces":[' +
  '{"name":"lo","rx_bytes":100,"rx_packets":1,"rx_errors":0,"rx_dropped":0,"tx_bytes":100,"tx_packets":1,"tx_errors":0,"tx_dropped":0},' +
  '{"name":"eth0","rx_bytes":12345678,"rx_packets":9876,"rx_errors":0,"rx_dropped":2,"tx_bytes":654321,"tx_packets":4321,"tx_errors":1,"tx_dropped":0}],' +
  '"tcp":{},"tcp6":{},"udp":{},"udp6":{}}}';

describe('kata events end to end (sandbox store + shim + Go agent)', () => {
  let dir: string;
  let agent: RunningAgentRef;
  let shim: FakeShim;
  let katamon: Katamon;
  let agentDir: string;

  beforeAll(async () => {
    requireGoTtrpc();
    // Short root: the shim socket path must fit in 107 bytes, as /run/vc/sbs/<64>/shim-monitor.sock does.
    dir = await mkdtemp(join(tmpdir(), 'ke-'));
    agentDir = await mkdtemp(join(tmpdir(), 'ka-'));
    agent = await startKataAgentRef(agentDir);
    const sandboxDir = join(dir, 'vc', 'sbs', SANDBOX);
    for (const id of [SANDBOX, KNOWN_ID]) {
      await mkdir(join(sandboxDir, id), { recursive: true });
      await writeFile(
        join(sandboxDir, id, 'persist.json'),
        JSON.stringify({ State: 'running', CgroupPath: `/kata_${id}` }),
      );
    }
    await writeFile(
      join(sandboxDir, 'persist.json'),
      JSON.stringify({
        SandboxContainer: SANDBOX,
        State: 'running',
        // stale on purpose: the live shim's answer wins
        AgentState: { URL: 'vsock://3:1024' },
        Config: { ContainerConfigs: [{ ID: SANDBOX }, { ID: KNOWN_ID }] },
      }),
    );
    shim = await FakeShim.listen({
      path: join(sandboxDir, 'shim-monitor.sock'),
      agentUrl: `hvsock://${agent.hvsockPath}:1024`,
    });
    katamon = await createKatamonFromPlugins({
      plugins: [kataPlugin],
      roots: { kata: join(dir, 'vc'), kataShim: join(dir, 'kata') },
    });
  }, 300_000);

  afterAll(async () => {
    await katamon?.close();
    await shim?.close();
    await agent?.stop();
    await rm(dir, { recursive: true, force: true });
    await rm(agentDir, { recursive: true, force: true });
  });

  it('resolves a short id to the sandbox container and prints the kata line byte for byte', async () => {
    const ref = await katamon.resolve('4b1d');
    expect(ref).toMatchObject({
      id: KNOWN_ID,
      runtime: 'kata',
      sandbox: { id: SANDBOX, agentUrl: `hvsock://${agent.hvsockPath}:1024` },
    });
    expect(shim.requests).toContain('GET /agent-url');
    const sample = await katamon.sample(ref);
    expect(sample.issues).toEqual([]);
    expect(sample.stats.network?.origin).toBe('agent-metrics');
    expect(encodeEvent({ type: 'stats', id: sample.id, data: sample.stats }, 'kata')).toBe(EXPECTED_LINE);
  });

  it('`katamon events --stats <short id>` prints the same line', async () => {
    ensureBundle();
    const run = await runKatamon(['--kata-root', join(dir, 'vc'), 'events', '--stats', '4b1dc0']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${EXPECTED_LINE}\n`);
  }, 120_000);

  it('says where the network came from in the full schema', async () => {
    const ref = await katamon.resolve(KNOWN_ID);
    const sample = await katamon.sample(ref);
    const full = encodeEvent({ type: 'stats', id: sample.id, data: sample.stats, sample }, 'full');
    expect(full).toContain('"origin":"agent-metrics"');
  });

  it('reports the runc-style errors for unknown and invalid ids', async () => {
    await expect(katamon.resolve('ffff')).rejects.toMatchObject({
      kind: 'not-found',
      message: 'Container ID (ffff) does not exist',
    });
    await expect(katamon.resolve('../x')).rejects.toMatchObject({ kind: 'invalid-argument' });
  });
});
