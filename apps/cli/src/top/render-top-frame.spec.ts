import type { TopRow } from './docker-stats.js';
import { renderTopFrame } from './run-top.js';

const row: TopRow = {
  id: '0123456789abcdef',
  runtime: 'runc',
  timestamp: 1,
  cpu_percent: 49.996,
  cpu_delta_ns: 1,
  system_delta_ns: 2,
  online_cpus: 2,
  mem_usage: 1536,
  mem_limit: 8 * 1024 * 1024,
  mem_percent: 0.018,
  net_rx_bytes: 1_234_567,
  net_tx_bytes: 0,
  block_read_bytes: 4096,
  block_write_bytes: 999,
  net_rx_rate: 1000,
  net_tx_rate: 0,
  block_read_rate: null,
  block_write_rate: null,
  pids: 3,
};

describe('renderTopFrame', () => {
  it('prints docker-formatted cells, with no escape codes when not a terminal', () => {
    const text = renderTopFrame([row], 'table', false);
    expect(text).not.toContain('\u001b');
    const [header, line] = text.trimEnd().split('\n');
    expect(header?.startsWith('CONTAINER ID   RUNTIME   CPU %')).toBe(true);
    expect(line?.split(/\s{3,}/)).toEqual([
      '0123456789ab',
      'runc',
      '50.00%',
      '1.5KiB / 8MiB',
      '0.02%',
      '1.23MB / 0B',
      '1kB / 0B',
      '4.1kB / 999B',
      '--',
      '3',
    ]);
  });

  it('clears the screen before each frame on a terminal', () => {
    expect(renderTopFrame([row], 'table', true).startsWith('\u001b[2J\u001b[H')).toBe(true);
  });

  it('json: one object per row with raw numbers, never escape codes', () => {
    const text = renderTopFrame([row, { ...row, id: 'x' }], 'json', true);
    expect(text.split('\n')).toHaveLength(3);
    expect(JSON.parse(text.split('\n')[0] as string)).toEqual(row);
  });
});
