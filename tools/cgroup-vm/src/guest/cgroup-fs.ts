import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export const CGROUP_ROOT = '/sys/fs/cgroup';

/** Creates /sys/fs/cgroup/<path> and writes each setting (file → value) into it, in order. */
export function makeCgroup(path: string, settings: Record<string, string> = {}): string {
  const dir = `${CGROUP_ROOT}/${path}`;
  mkdirSync(dir, { recursive: true });
  for (const [file, value] of Object.entries(settings)) writeFileSync(`${dir}/${file}`, value);
  return dir;
}

/** A cgroup file as the kernel prints it, without the final newline. */
export function readRaw(dir: string, file: string): string {
  return readFileSync(`${dir}/${file}`, 'utf8').trimEnd();
}

/** A flat-keyed file (`cpu.stat`, `memory.events`, …) straight from the kernel. */
export function readKeyed(dir: string, file: string): Map<string, bigint> {
  const map = new Map<string, bigint>();
  for (const line of readRaw(dir, file).split('\n')) {
    const [key, value] = line.split(' ');
    if (key && value !== undefined) map.set(key, BigInt(value));
  }
  return map;
}

/** The `total=` of the `some` line of a PSI file, µs. */
export function readPsiSomeTotal(dir: string, file: string): bigint {
  const some = readRaw(dir, file)
    .split('\n')
    .find((l) => l.startsWith('some '));
  const total = some?.split(' ').find((t) => t.startsWith('total='));
  if (!total) throw new Error(`${dir}/${file} has no some total: ${readRaw(dir, file)}`);
  return BigInt(total.slice('total='.length));
}

/** Kills everything in the cgroup (cgroup.kill, kernel ≥ 5.14), waits until it is empty, removes it. */
export async function removeCgroup(dir: string): Promise<void> {
  if (!existsSync(dir)) return;
  writeFileSync(`${dir}/cgroup.kill`, '1');
  for (let i = 0; i < 200 && /populated 1/.test(readRaw(dir, 'cgroup.events')); i++) await sleep(25);
  rmdirSync(dir);
}
