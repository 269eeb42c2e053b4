import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { FAKE_TREE_AREAS, holdUptimeClock } from '@katamon/test-fixtures';
import { loadBatchReadAddon, type BatchReadAddon } from './native-batch.js';
import { PseudoFileReader } from './pseudo-file-reader.js';
import { SysfsError } from './sysfs-error.js';

let addon: BatchReadAddon;
let dir: string;
beforeAll(() => {
  // Built by `npm ci` (postinstall) where a compiler exists; .ci/run installs gcc, so a missing one fails here.
  execFileSync(
    process.execPath,
    [join(import.meta.dirname, '..', '..', '..', 'tools', 'build', 'scripts', 'build-native.mjs'), '--if-stale'],
    {
      stdio: 'inherit',
    },
  );
  addon = loadBatchReadAddon() as BatchReadAddon;
  expect(addon, 'the katamon_sysfs addon did not load').toBeDefined();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'katamon-batch-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** What a read gives: the text, or the error kind. */
function outcome(read: () => string | undefined): string {
  try {
    return `ok:${read() ?? '<absent>'}`;
  } catch (error) {
    return SysfsError.is(error) ? `error:${error.kind}` : `throw:${String(error)}`;
  }
}

describe('PseudoFileReader.batch with the native addon', () => {
  it('serves every later sample from one native call, with the current bytes', () => {
    const reader = new PseudoFileReader({ areas: FAKE_TREE_AREAS, batchAddon: addon });
    const files = ['a', 'b', 'c'].map((f) => join(dir, f));
    const sample = () => reader.batch('k', () => files.map((f) => reader.read(f)));
    for (let round = 0; round < 5; round++) {
      files.forEach((f, i) => writeFileSync(f, `${f} ${round} ${'x'.repeat(i * 100)}\n`));
      expect(sample()).toEqual(files.map((f, i) => `${f} ${round} ${'x'.repeat(i * 100)}\n`));
    }
    // The first sample made the plan; the four after it were one native call each.
    expect(reader.counters).toMatchObject({ batches: 4, batched: 12, opens: 3 });
    reader.close();
  });

  it('reads files outside the plan, or in another order, as usual and makes the plan again', () => {
    const reader = new PseudoFileReader({ areas: FAKE_TREE_AREAS, batchAddon: addon });
    const [a, b, c] = ['a', 'b', 'c'].map((f) => join(dir, f)) as [string, string, string];
    for (const f of [a, b, c]) writeFileSync(f, `${f}\n`);
    reader.batch('k', () => [reader.read(a), reader.read(b)]);
    expect(reader.batch('k', () => [reader.read(b), reader.read(c), reader.read(a)])).toEqual([
      `${b}\n`,
      `${c}\n`,
      `${a}\n`,
    ]);
    expect(reader.batch('k', () => [reader.read(b), reader.read(c), reader.read(a)])).toEqual([
      `${b}\n`,
      `${c}\n`,
      `${a}\n`,
    ]);
    expect(reader.counters.batches).toBe(2);
    expect(reader.counters.batched).toBe(1 + 3); // b's place in the old plan was a's: only a matched, in order
    reader.close();
  });

  it('re-reads a file the batch buffer could not hold, and grows the buffer', () => {
    const reader = new PseudoFileReader({ areas: FAKE_TREE_AREAS, batchAddon: addon, initialBufferSize: 64 });
    const [small, big, after] = ['small', 'big', 'after'].map((f) => join(dir, f)) as [string, string, string];
    writeFileSync(small, 'small\n');
    writeFileSync(big, 'b'.repeat(10));
    writeFileSync(after, 'after\n');
    const sample = () => reader.batch('k', () => [small, big, after].map((f) => reader.read(f)));
    sample();
    // The file after the one that did not fit is read into the same batch buffer: its bytes are still there
    // (the buffer grows for the next batch, not in the middle of this one).
    for (const size of [100, 1000, 5000, 5000, 50_000]) {
      writeFileSync(big, 'b'.repeat(size));
      expect(sample()).toEqual(['small\n', 'b'.repeat(size), 'after\n']);
    }
    reader.close();
  });

  it('fails a batched file that grows past the cap alone, with both buffers bounded', () => {
    const reader = new PseudoFileReader({ areas: FAKE_TREE_AREAS, batchAddon: addon, maxFileBytes: 1 << 20 });
    const [a, big, c] = ['a', 'big', 'c'].map((f) => join(dir, f)) as [string, string, string];
    for (const f of [a, big, c]) writeFileSync(f, `${f}\n`);
    const sample = () => reader.batch('k', () => [a, big, c].map((f) => outcome(() => reader.read(f))));
    sample();
    sample();
    // 64 MiB: without a cap, each sample would grow a shared buffer (and the batch one) to hold it.
    writeFileSync(big, Buffer.alloc(64 << 20, 0x31));
    const before = process.memoryUsage().arrayBuffers;
    for (let i = 0; i < 4; i++) expect(sample()).toEqual([`ok:${a}\n`, 'error:io', `ok:${c}\n`]);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 << 20);
    writeFileSync(big, 'small again\n');
    for (let i = 0; i < 2; i++) expect(sample()).toEqual([`ok:${a}\n`, 'ok:small again\n', `ok:${c}\n`]);
    expect(reader.counters.batches).toBeGreaterThan(1);
    reader.close();
  });

  it('reports a file removed between samples as the usual read does', () => {
    const reader = new PseudoFileReader({ areas: FAKE_TREE_AREAS, batchAddon: addon });
    const a = join(dir, 'a');
    writeFileSync(a, '1\n');
    reader.batch('k', () => reader.read(a));
    reader.batch('k', () => reader.read(a));
    unlinkSync(a);
    // A regular file's held descriptor still reads (cgroupfs gives ENODEV: see the int spec); forgetting it
    // makes the next read open the path, which is gone.
    reader.forget(dir);
    expect(outcome(() => reader.batch('k', () => reader.read(a)))).toBe('error:not-found');
    expect(outcome(() => reader.batch('k', () => reader.tryRead(a)))).toBe('ok:<absent>');
    reader.close();
  });

  it('forgets the plans of a forgotten directory', () => {
    const reader = new PseudoFileReader({ areas: FAKE_TREE_AREAS, batchAddon: addon });
    const a = join(dir, 'a');
    writeFileSync(a, '1\n');
    reader.batch('k', () => reader.read(a));
    reader.forget(dir);
    reader.batch('k', () => reader.read(a));
    expect(reader.counters.batches).toBe(0);
    reader.batch('k', () => reader.read(a));
    expect(reader.counters.batches).toBe(1);
    reader.close();
  });

  it('reads the same as a reader without the addon, whatever happens to the files between samples', () => {
    const names = ['f0', 'f1', 'f2', 'f3'];
    const op = fc.oneof(
      fc.record({
        type: fc.constant('write' as const),
        file: fc.integer({ min: 0, max: 3 }),
        size: fc.integer({ min: 0, max: 3000 }),
      }),
      fc.record({ type: fc.constant('remove' as const), file: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ type: fc.constant('forget' as const) }),
      fc.record({
        type: fc.constant('sample' as const),
        order: fc.shuffledSubarray([0, 1, 2, 3], { minLength: 1 }),
        optional: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        const work = mkdtempSync(join(dir, 'p-'));
        const path = (i: number) => join(work, names[i] as string);
        const batched = new PseudoFileReader({
          areas: FAKE_TREE_AREAS,
          batchAddon: addon,
          initialBufferSize: 256,
          missingTtlMs: 0,
        });
        const plain = new PseudoFileReader({
          areas: FAKE_TREE_AREAS,
          batchAddon: null,
          initialBufferSize: 256,
          missingTtlMs: 0,
        });
        try {
          for (const o of ops) {
            if (o.type === 'write') writeFileSync(path(o.file), String(o.file).repeat(o.size));
            else if (o.type === 'remove') rmSync(path(o.file), { force: true });
            else if (o.type === 'forget') {
              batched.forget(work);
              plain.forget(work);
            } else {
              const sample = (r: PseudoFileReader) =>
                o.order.map((i) => outcome(() => (o.optional ? r.tryRead(path(i)) : r.read(path(i)))));
              expect(batched.batch(work, () => sample(batched))).toEqual(sample(plain));
            }
          }
        } finally {
          batched.close();
          plain.close();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('refuses malformed arguments with a TypeError instead of reading anywhere', () => {
    const out = new Int32Array(2);
    const bad: [unknown, unknown, unknown][] = [
      [[1], Buffer.alloc(8), out],
      [new Int32Array([0]), 'not bytes', out],
      [new Int32Array([0]), Buffer.alloc(8), new Int32Array(1)],
      [new Int32Array([0]), Buffer.alloc(8), new Float64Array(2)],
    ];
    for (const args of bad) expect(() => (addon.readBatch as (...a: unknown[]) => void)(...args)).toThrow(TypeError);
    // A bad descriptor is a per-file -errno, not an exception.
    addon.readBatch(new Int32Array([-1]), Buffer.alloc(8), out);
    expect(out[1]).toBe(-9); // EBADF
  });
});

describe('PseudoFileReader static files', () => {
  const isStatic = (path: string) => path.endsWith('.limit');

  it('keeps a static file for refreshMs, reads the others every time, and forgets with the directory', () => {
    const clock = holdUptimeClock();
    onTestFinished(() => clock.restore());
    const reader = new PseudoFileReader({
      areas: FAKE_TREE_AREAS,
      batchAddon: null,
      staticFiles: { refreshMs: 150, isStatic },
    });
    const limit = join(dir, 'memory.limit');
    const usage = join(dir, 'memory.usage');
    writeFileSync(limit, '100\n');
    writeFileSync(usage, '1\n');
    expect([reader.read(limit), reader.read(usage)]).toEqual(['100\n', '1\n']);
    writeFileSync(limit, '200\n');
    writeFileSync(usage, '2\n');
    expect([reader.read(limit), reader.read(usage)]).toEqual(['100\n', '2\n']);
    expect(reader.counters.kept).toBe(1);
    clock.advanceMs(149);
    expect(reader.read(limit)).toBe('100\n');
    clock.advanceMs(2);
    expect(reader.read(limit)).toBe('200\n');
    writeFileSync(limit, '300\n');
    reader.forget(dir);
    expect(reader.read(limit)).toBe('300\n');
    reader.close();
  });

  it('keeps batch plans to the files read every sample, so every sample is one native call', () => {
    const reader = new PseudoFileReader({
      areas: FAKE_TREE_AREAS,
      batchAddon: addon,
      staticFiles: { refreshMs: 60_000, isStatic },
    });
    const files = ['a.limit', 'a.usage', 'b.limit', 'b.usage'].map((f) => join(dir, f));
    for (const f of files) writeFileSync(f, `${f}\n`);
    for (let i = 0; i < 5; i++)
      expect(reader.batch('k', () => files.map((f) => reader.read(f)))).toEqual(files.map((f) => `${f}\n`));
    expect(reader.counters).toMatchObject({ batches: 4, batched: 8, kept: 8 });
    reader.close();
  });

  it('reads every time when refreshMs is 0 or not a finite positive number', () => {
    for (const refreshMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const reader = new PseudoFileReader({
        areas: FAKE_TREE_AREAS,
        batchAddon: null,
        staticFiles: { refreshMs, isStatic },
      });
      const limit = join(dir, 'x.limit');
      writeFileSync(limit, '1\n');
      reader.read(limit);
      writeFileSync(limit, '2\n');
      expect(reader.read(limit), String(refreshMs)).toBe('2\n');
      reader.close();
    }
  });
});

describe('PseudoFileReader.readParsed', () => {
  const parse = (text: string) => ({ text });
  const upper = (text: string) => text.toUpperCase();

  it('parses again only when the bytes change, and returns the same value while they do not', () => {
    const reader = new PseudoFileReader({ areas: FAKE_TREE_AREAS, batchAddon: null });
    const file = join(dir, 'f');
    writeFileSync(file, 'one\n');
    const first = reader.readParsed(file, parse);
    expect(reader.readParsed(file, parse)).toBe(first);
    writeFileSync(file, 'two\n');
    const second = reader.readParsed(file, parse);
    expect(second).toEqual({ text: 'two\n' });
    writeFileSync(file, 'two\n');
    expect(reader.readParsed(file, parse)).toBe(second);
    // Another parse function is another question.
    expect(reader.readParsed(file, upper)).toBe('TWO\n');
    expect(reader.counters.unchanged).toBe(2);
    reader.close();
  });

  it("remembers a batched file's parse in the plan: the same value while its bytes stay, a new one when they change", () => {
    const reader = new PseudoFileReader({ areas: FAKE_TREE_AREAS, batchAddon: addon });
    const [a, b] = ['a', 'b'].map((f) => join(dir, f)) as [string, string];
    writeFileSync(a, 'one\n');
    writeFileSync(b, 'x'.repeat(300));
    const sample = () => reader.batch('k', () => [reader.readParsed(a, parse), reader.readParsed(b, parse)]);
    sample(); // makes the plan
    const [a1, b1] = sample();
    const [a2, b2] = sample();
    expect(reader.counters.batches).toBe(2);
    expect(a2).toBe(a1);
    expect(b2).toBe(b1);
    writeFileSync(a, 'two\n');
    writeFileSync(b, `${'x'.repeat(299)}y`);
    const [a3, b3] = sample();
    expect(a3).toEqual({ text: 'two\n' });
    expect(b3).toEqual({ text: `${'x'.repeat(299)}y` });
    // Another parse function on the same entry is parsed, not answered with the other's value.
    expect(reader.batch('k', () => [reader.readParsed(a, upper), reader.readParsed(b, parse)])).toEqual(['TWO\n', b3]);
    reader.close();
  });

  it('does not remember a parse that threw, and forgets with the directory', () => {
    const reader = new PseudoFileReader({ areas: FAKE_TREE_AREAS, batchAddon: null });
    const file = join(dir, 'f');
    writeFileSync(file, 'bad\n');
    let calls = 0;
    const strict = (text: string) => {
      calls++;
      if (text.startsWith('bad')) throw new SysfsError('parse', 'bad', file);
      return text;
    };
    expect(() => reader.readParsed(file, strict)).toThrow('bad');
    expect(() => reader.readParsed(file, strict)).toThrow('bad');
    writeFileSync(file, 'ok\n');
    expect(reader.readParsed(file, strict)).toBe('ok\n');
    expect(reader.readParsed(file, strict)).toBe('ok\n');
    expect(calls).toBe(3);
    reader.forget(dir);
    expect(reader.readParsed(file, strict)).toBe('ok\n');
    expect(calls).toBe(4);
    expect(reader.tryReadParsed(join(dir, 'absent'), strict)).toBeUndefined();
    reader.close();
  });

  it('gives parse(read(path)) whatever happens to the files, with and without batches and static files', () => {
    const names = ['a.limit', 'b', 'c', 'd.limit'];
    const op = fc.oneof(
      fc.record({
        type: fc.constant('write' as const),
        file: fc.integer({ min: 0, max: 3 }),
        text: fc.constantFrom('', '1\n', '2\n', '10\n', 'x'.repeat(700)),
      }),
      fc.record({ type: fc.constant('remove' as const), file: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ type: fc.constant('forget' as const) }),
      fc.record({ type: fc.constant('sample' as const), order: fc.shuffledSubarray([0, 1, 2, 3], { minLength: 1 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), fc.boolean(), fc.boolean(), (ops, batched, withStatic) => {
        const work = mkdtempSync(join(dir, 'p-'));
        const path = (i: number) => join(work, names[i] as string);
        const reader = new PseudoFileReader({
          areas: FAKE_TREE_AREAS,
          batchAddon: batched ? addon : null,
          initialBufferSize: 256,
          missingTtlMs: 0,
          // Static files kept forever: their parsed value must follow the kept text, not the file.
          ...(withStatic
            ? { staticFiles: { refreshMs: 3_600_000, isStatic: (p: string) => p.endsWith('.limit') } }
            : {}),
        });
        const plain = new PseudoFileReader({
          areas: FAKE_TREE_AREAS,
          batchAddon: null,
          initialBufferSize: 256,
          missingTtlMs: 0,
        });
        const keptText = new Map<string, string>();
        try {
          for (const o of ops) {
            if (o.type === 'write') writeFileSync(path(o.file), o.text);
            else if (o.type === 'remove') rmSync(path(o.file), { force: true });
            else if (o.type === 'forget') {
              reader.forget(work);
              plain.forget(work);
              keptText.clear();
            } else {
              const got = reader.batch(work, () =>
                o.order.map((i) => outcome(() => JSON.stringify(reader.tryReadParsed(path(i), parse)))),
              );
              const want = o.order.map((i) =>
                outcome(() => {
                  const p = path(i);
                  const text =
                    withStatic && p.endsWith('.limit') && keptText.has(p) ? keptText.get(p) : plain.tryRead(p);
                  if (withStatic && p.endsWith('.limit') && text !== undefined) keptText.set(p, text);
                  return JSON.stringify(text === undefined ? undefined : parse(text));
                }),
              );
              expect(got).toEqual(want);
            }
          }
        } finally {
          reader.close();
          plain.close();
        }
      }),
      { numRuns: 150 },
    );
  });
});
