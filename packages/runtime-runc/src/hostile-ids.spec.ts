import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as fs from 'node:fs';
import { KatamonError } from '@katamon/core';
import { RuncResolver } from './runc-resolver.js';
import { resolveRuncContainer } from './resolve-runc-container.js';
import { runcStateJson, tempRoot, type TempRoot } from './state-root.fixture.js';

// Count every filesystem call the resolver makes, passing each through to the real module.
const calls: string[] = [];
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>();
  const spied: Record<string, unknown> = { ...real };
  for (const name of [
    'openSync',
    'readFileSync',
    'readdirSync',
    'lstatSync',
    'fstatSync',
    'statSync',
    'realpathSync',
    'accessSync',
    'statfsSync',
  ] as const) {
    const fn = real[name] as (...args: unknown[]) => unknown;
    // Own properties (realpathSync.native) come along.
    spied[name] = Object.assign((...args: unknown[]) => {
      calls.push(`${name} ${String(args[0])}`);
      return fn(...args);
    }, fn);
  }
  return { ...spied, default: spied };
});

const hostile = [
  '../x',
  '..',
  '.',
  'a/b',
  '/etc',
  '',
  'a\0b',
  'x'.repeat(10_000),
  'ünïcode',
  'контейнер',
  'a b',
  'a\nb',
  '*',
  'abc/',
];

describe('hostile ids', () => {
  let root: TempRoot;
  beforeEach(async () => {
    root = await tempRoot();
    // A trap: a perfectly valid container right outside the root, where '../x' would land.
    await mkdir(join(root.path, '..', 'x'));
    await writeFile(join(root.path, '..', 'x', 'state.json'), runcStateJson('x', { pid: process.pid }));
    calls.length = 0;
  });
  afterEach(() => root.cleanup());

  it.each(hostile.map((id) => [JSON.stringify(id).slice(0, 40), id]))(
    'rejects %s before any file is touched',
    async (_label, id) => {
      const resolver = new RuncResolver({ roots: [{ path: root.path, runtime: 'runc' }] });
      const error = await resolver.match(id).catch((e: unknown) => e);
      expect(KatamonError.isKind(error, 'invalid-argument')).toBe(true);
      await expect(resolveRuncContainer([resolver], id)).rejects.toMatchObject({ kind: 'invalid-argument' });
      expect(calls).toEqual([]);
    },
  );

  it('does touch the filesystem for a valid id (the spy works)', async () => {
    const resolver = new RuncResolver({ roots: [{ path: root.path, runtime: 'runc' }] });
    expect(await resolver.match('x')).toEqual([]);
    expect(calls.length).toBeGreaterThan(0);
  });

  it('uses runc texts for empty and malformed ids', async () => {
    const resolver = new RuncResolver({ roots: [{ path: '/nonexistent', runtime: 'runc' }] });
    await expect(resolver.match('')).rejects.toThrow('container id cannot be empty');
    await expect(resolver.match('../x')).rejects.toThrow(/^invalid container ID format/);
  });
});
