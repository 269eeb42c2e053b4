import type { TopRow } from './docker-stats.js';
import { renderTopFrame } from './run-top.js';

const row: TopRow = {
  id: '0123456789abcdef',
  name: 'web\u001b[31m',
  engine: 'docker',
  namespace: null,
  image: 'nginx:1.25',
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
  identity: { engine: 'docker', name: 'web\u001b[31m', image: 'nginx:1.25' },
};

describe('renderTopFrame', () => {
  it('prints docker-formatted cells, with no escape codes when not a terminal', () => {
    const text = renderTopFrame([row], 'table', false);
    expect(text).not.toContain('\u001b');
    const [header, line] = text.trimEnd().split('\n');
    expect(header?.split(/\s{3,}/).slice(0, 4)).toEqual(['CONTAINER ID', 'NAME', 'ENGINE', 'CPU %']);
    // A 64-hex id is cut to 12 characters as docker does; a shorter id is a name its user chose, shown whole.
    expect(line?.split(/\s{3,}/)).toEqual([
      '0123456789abcdef',
      'web?[31m',
      'docker',
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

  it('adds the image after the name with --wide', () => {
    const [header, line] = renderTopFrame([row], 'table', false, true).trimEnd().split('\n');
    expect(header?.split(/\s{3,}/).slice(0, 4)).toEqual(['CONTAINER ID', 'NAME', 'IMAGE', 'ENGINE']);
    expect(line?.split(/\s{3,}/)[2]).toBe('nginx:1.25');
  });

  it('clears the screen before each frame on a terminal', () => {
    expect(renderTopFrame([row], 'table', true).startsWith('\u001b[2J\u001b[H')).toBe(true);
  });

  it('json: one object per row with raw numbers and the identity, escape codes only as JSON escapes', () => {
    const text = renderTopFrame([row, { ...row, id: 'x' }], 'json', true);
    expect(text.split('\n')).toHaveLength(3);
    expect(JSON.parse(text.split('\n')[0] as string)).toEqual(row);
  });
});
