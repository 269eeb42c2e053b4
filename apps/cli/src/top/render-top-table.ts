import type { TopRow } from './docker-stats.js';
import { bytesSize, humanSize, percent } from './format-units.js';
import { renderColumns } from '../output/render-columns.js';

const HEADERS = [
  'CONTAINER ID',
  'RUNTIME',
  'CPU %',
  'MEM USAGE / LIMIT',
  'MEM %',
  'NET I/O',
  'NET I/O /s',
  'BLOCK I/O',
  'BLOCK I/O /s',
  'PIDS',
];

function pair(a: string, b: string): string {
  return `${a} / ${b}`;
}

function ratePair(a: number | null, b: number | null): string {
  return a === null || b === null ? '--' : pair(humanSize(a), humanSize(b));
}

/** docker stats' columns and number formats, plus the two rate columns docker users ask for. */
export function renderTopTable(rows: readonly TopRow[]): string {
  const cells = rows.map((r) => [
    r.id.slice(0, 12),
    r.runtime,
    percent(r.cpu_percent),
    pair(bytesSize(r.mem_usage), bytesSize(r.mem_limit)),
    percent(r.mem_percent),
    pair(humanSize(r.net_rx_bytes), humanSize(r.net_tx_bytes)),
    ratePair(r.net_rx_rate, r.net_tx_rate),
    pair(humanSize(r.block_read_bytes), humanSize(r.block_write_bytes)),
    ratePair(r.block_read_rate, r.block_write_rate),
    String(r.pids),
  ]);
  return renderColumns(HEADERS, cells);
}
