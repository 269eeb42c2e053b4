import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ensureBundle } from './katamon-cli.js';

// The bin's V8 code cache (apps/cli/scripts/loader.template.cjs), on a copy of the bundle in its own directory.
describe('katamon code cache', () => {
  let dir: string;
  let bin: string;
  beforeAll(() => {
    const bundle = ensureBundle();
    dir = mkdtempSync(join(tmpdir(), 'katamon-e2e-cache-'));
    bin = join(dir, 'katamon.cjs');
    copyFileSync(bundle, bin);
    for (const payload of ['katamon.payload.js', 'katamon.events.js'])
      copyFileSync(join(dirname(bundle), payload), join(dir, payload));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** `katamon <args>` (default `--version`) with the cache traced: its stderr. */
  const traced = (args: string[] = ['--version'], status = 0): string => {
    const run = spawnSync(process.execPath, [bin, ...args], {
      env: {
        ...process.env,
        KATAMON_CODE_CACHE: 'trace',
        XDG_CACHE_HOME: join(dir, 'no-cache-home'),
      },
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(status);
    return run.stderr;
  };
  const cacheFile = (): string => `${bin}.v8cache`;

  it('is written by the first run, next to the bin, and accepted by the next one', () => {
    expect(traced()).toContain(`katamon: code cache written (${cacheFile()})`);
    const second = traced();
    expect(second).toContain(`katamon: code cache accepted (${cacheFile()})`);
    expect(second).not.toContain('written');
  });

  it('starts the cached data on an 8-byte boundary (V8 copies unaligned data) and names build, Node and arch', () => {
    const bytes = readFileSync(cacheFile());
    const end = bytes.indexOf(10);
    expect((end + 1) % 8).toBe(0);
    const header = bytes.toString('latin1', 0, end).trimEnd().split(' ');
    expect(header.slice(0, 2)).toEqual(['katamon-v8-cache', '1']);
    expect(header.slice(3)).toEqual([process.version, process.arch, 'complete']);
  });

  it('ignores and replaces a cache of another build', () => {
    const bytes = readFileSync(cacheFile());
    const end = bytes.indexOf(10);
    const other = bytes.toString('latin1', 0, end).replace(/^(katamon-v8-cache 1 )\S+/, '$1ffffffffffffffff');
    writeFileSync(cacheFile(), Buffer.concat([Buffer.from(other, 'latin1'), bytes.subarray(end)]));
    const out = traced();
    expect(out).toContain('katamon: code cache none');
    expect(out).toContain(`katamon: code cache written (${cacheFile()})`);
    expect(traced()).toContain('accepted');
  });

  it('keeps a cache per payload: events runs the events payload, and hands `events --help` to the whole program', () => {
    const eventsCache = `${bin}.events.v8cache`;
    expect(traced(['events', '--help'])).toContain(`katamon: code cache accepted (${cacheFile()})`);
    // The hand-off wrote no cache for the events payload: it ran only up to the argument split.
    expect(existsSync(eventsCache)).toBe(false);
    const usage = traced(['events'], 1);
    expect(usage).toContain('container id cannot be empty');
    expect(usage).not.toContain(cacheFile());
    // A usage error writes a partial cache, which the first run that succeeds replaces.
    expect(readFileSync(eventsCache).subarray(0, 200).toString('latin1')).toMatch(/ partial +\n/);
  });

  it('runs events with the whole program when the events payload is not there (an older bundle copied)', () => {
    const older = mkdtempSync(join(tmpdir(), 'katamon-e2e-two-'));
    try {
      copyFileSync(bin, join(older, 'katamon.cjs'));
      copyFileSync(join(dir, 'katamon.payload.js'), join(older, 'katamon.payload.js'));
      const run = spawnSync(process.execPath, [join(older, 'katamon.cjs'), 'events'], { encoding: 'utf8' });
      expect(run.stderr).toBe('container id cannot be empty\n');
      expect(run.status).toBe(1);
    } finally {
      rmSync(older, { recursive: true, force: true });
    }
  });
});
