import { zeroBlkio, type BlkioEntry, type BlkioStats } from '@katamon/core';
import {
  SysfsError,
  forEachLine,
  parseUintStrict,
  splitFields,
  defaultReader,
  joinPath as join,
  type FileReader,
} from '@katamon/sysfs';

function uint(s: string, path: string): bigint {
  const v = parseUintStrict(s);
  if (v === undefined) throw SysfsError.parse(path, 'a value is not an unsigned integer');
  return v;
}

/**
 * `io.stat`: one line per device, `MAJ:MIN rbytes=… wbytes=… rios=… wios=… dbytes=… dios=…`. Only
 * rbytes/wbytes (service bytes) and rios/wios (serviced) are mapped, as runc does; entries follow file order.
 */
export function parseIoStat(text: string, path: string): BlkioStats {
  const blkio = zeroBlkio();
  forEachLine(text, (line) => {
    const parts = splitFields(line);
    if (parts.length < 2) return;
    const dev = parts[0] as string;
    const colon = dev.indexOf(':');
    if (colon < 0) return;
    const major = uint(dev.slice(0, colon), path);
    const minor = uint(dev.slice(colon + 1), path);
    for (let i = 1; i < parts.length; i++) {
      const token = parts[i] as string;
      const eq = token.indexOf('=');
      if (eq < 0) continue;
      const value = uint(token.slice(eq + 1), path);
      const entry = (op: string): BlkioEntry => ({ major, minor, op, value });
      switch (token.slice(0, eq)) {
        case 'rbytes':
          blkio.ioServiceBytesRecursive.push(entry('Read'));
          break;
        case 'wbytes':
          blkio.ioServiceBytesRecursive.push(entry('Write'));
          break;
        case 'rios':
          blkio.ioServicedRecursive.push(entry('Read'));
          break;
        case 'wios':
          blkio.ioServicedRecursive.push(entry('Write'));
          break;
      }
    }
  });
  return blkio;
}

export function readIo(dir: string, reader: FileReader = defaultReader()): BlkioStats {
  const path = join(dir, 'io.stat');
  return parseIoStat(reader.read(path), path);
}
