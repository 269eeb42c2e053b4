import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeEvent } from './decode-event.js';
import { encodeEvent } from './encode-event.js';
import type { SchemaName, StatsEvent } from '../model/event.js';

const dir = join(import.meta.dirname, 'contract');
const files = readdirSync(dir).filter((f) => f.endsWith('.ndjson'));
const schemaOf = (file: string): SchemaName => (file.startsWith('kata') ? 'kata' : 'runc');

describe('real samples round-trip byte for byte', () => {
  it('has every sample', () => {
    expect(files.sort()).toEqual([
      'kata-seed-example.ndjson',
      'runc-1.1.5-busy-stats.ndjson',
      'runc-1.1.5-idle-stats.ndjson',
      'runc-1.1.5-oom-stream.ndjson',
    ]);
  });

  for (const file of files) {
    it(`${file} (${schemaOf(file)})`, () => {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text.endsWith('\n')).toBe(true); // Encoder.Encode's newline
      const lines = text.slice(0, -1).split('\n');
      for (const line of lines) expect(encodeEvent(decodeEvent(line, schemaOf(file)), schemaOf(file))).toBe(line);
    });
  }

  it('keeps 9223372036854771712 exact and reads the oom line', () => {
    const lines = readFileSync(join(dir, 'runc-1.1.5-oom-stream.ndjson'), 'utf8').trim().split('\n');
    const events = lines.map((l) => decodeEvent(l, 'runc'));
    expect(events.filter((e) => e.type === 'oom')).toEqual([{ type: 'oom', id: 'oomtest' }]);
    const first = events[0] as StatsEvent;
    expect(first.data?.memory?.kernel.limit).toBe(9223372036854771712n);
    expect(first.data?.cpuset?.schedRelaxDomainLevel).toBe(-1n);
  });

  it('reads the kata seed into the model with the kernel UDP meaning and agent origin', () => {
    const text = readFileSync(join(dir, 'kata-seed-example.ndjson'), 'utf8').trim();
    const e = decodeEvent(text, 'kata') as StatsEvent;
    expect(e.data?.network?.origin).toBe('agent');
    expect(e.data?.network?.interfaces.map((i) => i.name)).toEqual(['lo']);
    expect(e.data?.memory?.raw.get('hierarchical_memory_limit')).toBe(9223372036854771712n);
  });
});

// The samples live in the repository (CI clones it alone); their README records the digest of each original.
describe('the repository copies of the samples', () => {
  it('are byte for byte the originals recorded in contract/README.md', () => {
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    const recorded = [...readme.matchAll(/^\| `([^`]+\.ndjson)` +\| `([0-9a-f]{64})` \|$/gm)].map(([, f, d]) => [f, d]);
    expect(recorded.map(([f]) => f).sort()).toEqual(files.sort());
    for (const [file, digest] of recorded) {
      expect(
        createHash('sha256')
          .update(readFileSync(join(dir, file as string)))
          .digest('hex'),
        file,
      ).toBe(digest);
    }
  });
});
