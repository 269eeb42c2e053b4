import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hugePageLabel, readHugePageSizes } from './hugepage-sizes.js';

describe('huge page labels (runc rules)', () => {
  it.each([
    [64, '64KB'],
    [2048, '2MB'],
    [32768, '32MB'],
    [524288, '512MB'],
    [1048576, '1GB'],
    [16777216, '16GB'],
    [1536, '1MB'],
  ])('%i kB → %s', (kb, label) => expect(hugePageLabel(kb)).toBe(label));

  it('reads the sizes from a sysfs-like directory, ignoring other entries', () => {
    const dir = mkdtempSync(join(tmpdir(), 'katamon-hp-'));
    for (const n of ['hugepages-1048576kB', 'hugepages-2048kB', 'other']) mkdirSync(join(dir, n));
    expect(readHugePageSizes(dir)).toEqual(['1GB', '2MB']);
    rmSync(dir, { recursive: true });
    expect(readHugePageSizes(join(dir, 'missing'))).toEqual([]);
  });
});
