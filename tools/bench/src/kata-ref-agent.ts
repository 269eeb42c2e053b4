import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The Go reference agent's sources (Debian ttrpc 1.1.1 server + client), shared with e2e/src/kata. */
export function kataRefSource(repoRoot: string): string {
  return join(repoRoot, 'e2e', 'src', 'kata', 'go');
}

/** Builds the reference agent offline in GOPATH mode (cached by source hash, like the e2e helper). */
export async function buildKataRef(source: string): Promise<string> {
  const cache = join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'katamon', 'go');
  const files = (await readdir(source)).filter((f) => f.endsWith('.go')).sort();
  const hash = createHash('sha256');
  for (const f of files) hash.update(f).update(await readFile(join(source, f)));
  const binary = join(cache, `kata-agent-ref-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(binary)) return binary;
  const gopath = await mkdtemp(join(tmpdir(), 'kata-ref-bench-'));
  try {
    await cp(source, join(gopath, 'src', 'kataagentref'), { recursive: true });
    await mkdir(cache, { recursive: true });
    const staged = `${binary}.${process.pid}.tmp`;
    await run('go', ['build', '-o', staged, 'kataagentref'], {
      cwd: gopath,
      env: {
        ...process.env,
        GO111MODULE: 'off',
        GOPATH: `/usr/share/gocode:${gopath}`,
        GOCACHE: join(cache, 'build-cache'),
        CGO_ENABLED: '0',
      },
    });
    await rename(staged, binary);
    return binary;
  } finally {
    await rm(gopath, { recursive: true, force: true });
  }
}

/** Starts `serve` and resolves with a stop function once it listens. */
export async function serveKataRef(binary: string, unixPath: string): Promise<() => void> {
  const child = spawn(binary, ['serve', '-unix', unixPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('READY') && resolve());
    child.once('exit', (code) => reject(new Error(`reference agent exited with ${code}`)));
  });
  return () => child.kill('SIGTERM');
}

/** The Go ttrpc client doing the same calls: total time of `n` sequential calls, or of `concurrency` parallel ones. */
export async function goClientRun(
  binary: string,
  unixPath: string,
  n: number,
  concurrency = 1,
): Promise<{ calls: number; totalNs: number; cpuNs: number }> {
  const { stdout } = await run(binary, [
    'bench',
    '-unix',
    unixPath,
    '-n',
    String(n),
    '-concurrency',
    String(concurrency),
  ]);
  return JSON.parse(stdout.trim()) as { calls: number; totalNs: number; cpuNs: number };
}
