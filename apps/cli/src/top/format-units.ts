/** Go's `%.<precision>g`: `precision` significant digits, trailing zeros dropped, exponent form when large/small. */
export function formatGoG(value: number, precision: number): string {
  if (value === 0) return '0';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : value < 0 ? '-Inf' : 'NaN';
  const [mantissa, expText] = value.toExponential(precision - 1).split('e') as [string, string];
  const exponent = Number(expText);
  const trim = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (exponent < -4 || exponent >= precision) {
    const abs = Math.abs(exponent);
    return `${trim(mantissa)}e${exponent < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
  }
  return trim(value.toFixed(Math.max(0, precision - 1 - exponent)));
}

const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];
const DECIMAL = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];

function customSize(size: number, precision: number, base: number, units: readonly string[]): string {
  let i = 0;
  while (size >= base && i < units.length - 1) {
    size /= base;
    i++;
  }
  return `${formatGoG(size, precision)}${units[i]}`;
}

/** docker's `units.BytesSize`: binary units, 4 significant digits (MEM USAGE / LIMIT). */
export function bytesSize(size: number): string {
  return customSize(size, 4, 1024, BINARY);
}

/** docker's `units.HumanSizeWithPrecision(size, 3)`: decimal units (NET I/O, BLOCK I/O). */
export function humanSize(size: number, precision = 3): string {
  return customSize(size, precision, 1000, DECIMAL);
}

/** Go's `%.2f%%`. */
export function percent(value: number): string {
  return `${value.toFixed(2)}%`;
}
