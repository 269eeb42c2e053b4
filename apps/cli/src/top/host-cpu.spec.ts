import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KatamonError } from '@katamon/core';
import { parseProcStat, readHostCpu, readMemTotal } from './host-cpu.js';

describe('host files of top', () => {
  it('names a missing file of the proc root in one line, as not-found (exit 1), never an internal error', async () => {
    const root = mkdtempSync(join(tmpdir(), 'katamon-proc-root-'));
    const failure = await readMemTotal(root).catch((e: unknown) => e);
    expect(KatamonError.isKind(failure, 'not-found')).toBe(true);
    expect((failure as Error).message).toBe(
      `cannot read ${root}/meminfo: no such file (is --proc-root a procfs mount?)`,
    );
  });

  it('refuses a /proc/stat without a well-formed cpu line (kind parse)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'katamon-proc-root-'));
    writeFileSync(join(root, 'stat'), 'cpu 1 2 x 4 5 6 7\n');
    await expect(readHostCpu(root)).rejects.toMatchObject({
      kind: 'parse',
      message: `${root}/stat: malformed "cpu" line`,
    });
    expect(() => parseProcStat('intr 1\n')).toThrow(
      expect.objectContaining({ kind: 'parse', message: '/proc/stat: no "cpu" line' }),
    );
  });
});
