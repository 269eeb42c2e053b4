import { forEachLine } from './text-lines.js';
import { SysfsError } from './sysfs-error.js';

/** One line of /proc/<pid>/mountinfo (proc(5)). */
export interface MountInfoEntry {
  mountId: number;
  parentId: number;
  /** `major:minor` of the filesystem. */
  device: string;
  /** Path inside the filesystem that is mounted (for cgroups: the hierarchy root seen by the namespace). */
  root: string;
  mountPoint: string;
  mountOptions: string;
  fsType: string;
  source: string;
  superOptions: string;
}

/** Undoes the octal escapes the kernel writes for space, tab, newline and backslash. */
export function unescapeMountPath(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\([0-7]{3})/g, (_m, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

/** Parses mountinfo text; a line that lacks the ` - ` separator or fields is a parse error. */
export function parseMountinfo(text: string, path = '/proc/self/mountinfo'): MountInfoEntry[] {
  const entries: MountInfoEntry[] = [];
  forEachLine(text, (line) => {
    if (line === '') return;
    const fields = line.split(' ');
    // Optional fields (shared:N, master:N, …) end at a lone "-".
    const sep = fields.indexOf('-', 6);
    if (sep < 0 || fields.length < sep + 4) {
      throw SysfsError.parse(path, 'a malformed mountinfo line');
    }
    const mountId = Number(fields[0]);
    const parentId = Number(fields[1]);
    if (!Number.isInteger(mountId) || !Number.isInteger(parentId)) {
      throw SysfsError.parse(path, 'a malformed mountinfo line');
    }
    entries.push({
      mountId,
      parentId,
      device: fields[2] as string,
      root: unescapeMountPath(fields[3] as string),
      mountPoint: unescapeMountPath(fields[4] as string),
      mountOptions: fields[5] as string,
      fsType: fields[sep + 1] as string,
      source: unescapeMountPath(fields[sep + 2] as string),
      superOptions: fields[sep + 3] as string,
    });
  });
  return entries;
}
