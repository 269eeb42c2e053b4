import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { FAKE_TREE_AREAS, holdUptimeClock, inotifyWatchCount } from '@katamon/test-fixtures';
import { loadBatchReadAddon, type BatchReadAddon } from './native-batch.js';
import { PseudoFileReader } from './pseudo-file-reader.js';

// Limit files kept until a write to them is seen (staticFiles.untilWritten, the addon's inotify watch).
let addon: BatchReadAddon;
let dir: string;
beforeAll(() => {
  execFileSync(
    process.execPath,
    [join(import.meta.dirname, '..', '..', '..', 'tools', 'build', 'scripts', 'build-native.mjs'), '--if-stale'],
    {
      stdio: 'inherit',
    },
  );
  addon = loadBatchReadAddon() as BatchReadAddon;
  expect(addon?.watchOpen, 'the katamon_sysfs addon has no write watch').toBeDefined();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'katamon-kept-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const untilWritten = (path: string) => path.endsWith('.limit');
const staticFiles = { refreshMs: 0, isStatic: untilWritten, untilWritten };

describe('PseudoFileReader staticFiles.untilWritten', () => {
  it('keeps a limit from the second sample on, and shows every write at the next sample', () => {
    const reader = new PseudoFileReader({ areas: FAKE_TREE_AREAS, batchAddon: addon, staticFiles });
    const limit = join(dir, 'memory.limit');
    const usage = join(dir, 'memory.usage');
    writeFileSync(limit, '100\n');
    writeFileSync(usage, '1\n');
    const sample = () => reader.batch('k', () => [reader.read(limit), reader.read(usage)]);
    expect(sample()).toEqual(['100\n', '1\n']);
    expect(inotifyWatchCount()).toBe(0); // a one-shot sample opens no watch
    for (let i = 0; i < 4; i++) expect(sample()).toEqual(['100\n', '1\n']);
    expect(reader.counters.kept).toBe(3); // samples 3–5
    expect(inotifyWatchCount()).toBe(1);
    for (const value of ['200\n', '', '300\n']) {
      writeFileSync(limit, value);
      writeFileSync(usage, `u${value}`);
      expect(sample()).toEqual([value, `u${value}`]);
      expect(sample()).toEqual([value, `u${value}`]);
    }
    reader.close();
    expect(inotifyWatchCount()).toBe(0);
  });

  it('with writeCheckMs, looks for writes at most that often: a write shows once that long has passed', () => {
    // The reader's clock held still and moved by hand: inside and past the window, whatever the load.
    const clock = holdUptimeClock();
    onTestFinished(() => clock.restore());
    const reader = new PseudoFileReader({
      areas: FAKE_TREE_AREAS,
      batchAddon: addon,
      staticFiles: { ...staticFiles, writeCheckMs: 50 },
    });
    const limit = join(dir, 'memory.limit');
    writeFileSync(limit, '100\n');
    const sample = () => reader.batch('k', () => reader.read(limit));
    for (let i = 0; i < 3; i++) expect(sample()).toBe('100\n'); // watched and kept from the second sample
    clock.advanceMs(60);
    expect(sample()).toBe('100\n'); // this one looked for writes: none
    writeFileSync(limit, '200\n');
    // Within 50 ms of that look the kept text answers.
    clock.advanceMs(49);
    expect(sample()).toBe('100\n');
    clock.advanceMs(2);
    expect(sample()).toBe('200\n');
    expect(sample()).toBe('200\n');
    reader.close();
  });

  it("answers a kept limit's parsed value from the batch plan, and re-reads it after a write", () => {
    const reader = new PseudoFileReader({ areas: FAKE_TREE_AREAS, batchAddon: addon, staticFiles });
    const parse = (text: string) => `<${text}>`;
    const [limit, usage] = [join(dir, 'a.limit'), join(dir, 'b')];
    writeFileSync(limit, '1');
    writeFileSync(usage, 'x');
    const sample = () => reader.batch('k', () => [reader.readParsed(limit, parse), reader.readParsed(usage, parse)]);
    for (let i = 0; i < 3; i++) expect(sample()).toEqual(['<1>', '<x>']);
    // From here the plan answers the limit: no kept-text lookup, so it is not counted as an unchanged parse.
    const unchanged = reader.counters.unchanged;
    expect(sample()).toEqual(['<1>', '<x>']);
    expect(reader.counters.unchanged - unchanged).toBe(1); // the usage file only
    for (const value of ['2', '3']) {
      writeFileSync(limit, value);
      expect(sample()).toEqual([`<${value}>`, '<x>']);
      expect(sample()).toEqual([`<${value}>`, '<x>']);
    }
    reader.forget(dir);
    writeFileSync(limit, '4');
    expect(sample()).toEqual(['<4>', '<x>']);
    reader.close();
  });

  it('reads a directory removed and created again afresh', () => {
    const reader = new PseudoFileReader({ areas: FAKE_TREE_AREAS, batchAddon: addon, staticFiles });
    const cgroup = join(dir, 'cg');
    const limit = join(cgroup, 'pids.limit');
    mkdirSync(cgroup);
    writeFileSync(limit, '10\n');
    for (let i = 0; i < 3; i++) expect(reader.batch('k', () => reader.read(limit))).toBe('10\n');
    rmSync(cgroup, { recursive: true });
    mkdirSync(cgroup);
    writeFileSync(limit, '20\n');
    expect(reader.batch('k', () => reader.read(limit))).toBe('20\n');
    expect(reader.batch('k', () => reader.read(limit))).toBe('20\n');
    reader.close();
  });

  it('reads every time without the addon, and forgets (and unwatches) with the directory', () => {
    const plain = new PseudoFileReader({ areas: FAKE_TREE_AREAS, batchAddon: null, staticFiles });
    const limit = join(dir, 'x.limit');
    writeFileSync(limit, '1\n');
    for (let i = 0; i < 3; i++) plain.batch('k', () => plain.read(limit));
    expect(plain.counters.kept).toBe(0);
    plain.close();
    const reader = new PseudoFileReader({ areas: FAKE_TREE_AREAS, batchAddon: addon, staticFiles });
    for (let i = 0; i < 3; i++) reader.batch('k', () => reader.read(limit));
    expect(inotifyWatchCount()).toBe(1);
    reader.forget(dir);
    expect(inotifyWatchCount()).toBe(0);
    reader.close();
  });

  // cgroupfs semantics: files change by writes; a cgroup is removed and created again as a whole, and a
  // descriptor of the old one then fails (ENODEV), which makes the source forget the directory. tmpfs keeps
  // serving an unlinked file through an old descriptor, so the forget is done here.
  it('reads what is in the files now, whatever is written between samples or however often the directory is recreated', () => {
    const names = ['a.limit', 'b', 'c.limit'];
    const op = fc.oneof(
      fc.record({
        type: fc.constant('write' as const),
        file: fc.integer({ min: 0, max: 2 }),
        text: fc.constantFrom('', '1\n', '2\n', 'x'.repeat(300)),
      }),
      fc.record({ type: fc.constant('recreate-dir' as const) }),
      fc.record({
        type: fc.constant('sample' as const),
        order: fc.shuffledSubarray([0, 1, 2], { minLength: 1 }),
        parsed: fc.boolean(),
      }),
    );
    const parse = (text: string) => `<${text}>`;
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        const work = mkdtempSync(join(dir, 'p-'));
        const path = (i: number) => join(work, names[i] as string);
        const reader = new PseudoFileReader({
          areas: FAKE_TREE_AREAS,
          batchAddon: addon,
          staticFiles,
          missingTtlMs: 0,
        });
        const plain = new PseudoFileReader({ areas: FAKE_TREE_AREAS, batchAddon: null, missingTtlMs: 0 });
        try {
          for (const o of ops) {
            if (o.type === 'write') writeFileSync(path(o.file), o.text);
            else if (o.type === 'recreate-dir') {
              rmSync(work, { recursive: true });
              mkdirSync(work);
              reader.forget(work);
            } else {
              // Parsed reads go through the plan's kept steps; plain ones through the kept texts.
              const got = reader.batch(work, () =>
                o.order.map(
                  (i) => (o.parsed ? reader.tryReadParsed(path(i), parse) : reader.tryRead(path(i))) ?? '<absent>',
                ),
              );
              const want = o.order.map((i) => {
                plain.forget(work); // a fresh read of what is there now
                const text = plain.tryRead(path(i));
                return text === undefined ? '<absent>' : o.parsed ? parse(text) : text;
              });
              expect(got).toEqual(want);
            }
          }
        } finally {
          reader.close();
          plain.close();
        }
      }),
      { numRuns: 300 },
    );
  });
});
