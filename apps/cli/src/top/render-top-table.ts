import type { TopRow } from './docker-stats.js';
import { bytesSize, humanSize, percent } from './format-units.js';
import { renderColumns } from '../output/render-columns.js';
import { tableCell } from '../output/table-cell.js';

const HEADERS = [
  'CONTAINER ID',
  'NAME',
  'ENGINE',
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

/**
 * docker stats' columns and number formats (NAME included), the engine, and the two rate columns docker users
 * ask for; `wide` adds the IMAGE after the name.
 */
export function renderTopTable(rows: readonly TopRow[], wide = false): string {
  const cells = rows.map((r) => [
    tableCell(r.id.length === 64 ? r.id.slice(0, 12) : r.id),
    tableCell(r.name),
    ...(wide ? [tableCell(r.image)] : []),
    tableCell(r.engine),
    percent(r.cpu_percent),
    pair(bytesSize(r.mem_usage), bytesSize(r.mem_limit)),
    percent(r.mem_percent),
    pair(humanSize(r.net_rx_bytes), humanSize(r.net_tx_bytes)),
    ratePair(r.net_rx_rate, r.net_tx_rate),
    pair(humanSize(r.block_read_bytes), humanSize(r.block_write_bytes)),
    ratePair(r.block_read_rate, r.block_write_rate),
    String(r.pids),
  ]);
  return renderColumns(wide ? [...HEADERS.slice(0, 2), 'IMAGE', ...HEADERS.slice(2)] : HEADERS, cells);
}
