import { statSync } from 'node:fs';
import { fieldOf, readEngineJson, stringOf } from '@katamon/sysfs';

/** containers/storage's drivers keep their records in `<driver>-containers/` and `<driver>-images/`. */
const DRIVERS = ['overlay', 'vfs', 'btrfs', 'zfs'];
/** About 1 KiB per container or image: room for tens of thousands. */
const MAX_STORE_BYTES = 32 * 1024 * 1024;

/** One record of `containers.json` (or `images.json`): the fields katamon reads. */
export interface StoreRecord {
  id: string;
  names: string[];
  /** containers: the image id. */
  image?: string;
  /** containers: `metadata`'s `image-name` (podman writes the reference the user gave). */
  imageName?: string;
}

export interface StoreLookup {
  record?: StoreRecord;
  /** Why the store could not be read (one line naming the file). */
  issue?: string;
}

interface Loaded {
  stamp: string;
  byId: Map<string, StoreRecord>;
  issue?: string;
}

function recordOf(value: unknown): StoreRecord | undefined {
  const id = stringOf(fieldOf(value, 'id'));
  if (id === undefined) return undefined;
  const names = fieldOf(value, 'names');
  const record: StoreRecord = { id, names: Array.isArray(names) ? names.filter((n) => typeof n === 'string') : [] };
  const image = stringOf(fieldOf(value, 'image'));
  if (image !== undefined) record.image = image;
  const metadata = stringOf(fieldOf(value, 'metadata'));
  if (metadata !== undefined && metadata.length <= 64 * 1024) {
    try {
      const imageName = stringOf(fieldOf(JSON.parse(metadata), 'image-name'));
      if (imageName !== undefined) record.imageName = imageName;
    } catch {
      // podman's metadata is JSON; anything else just has no image name
    }
  }
  return record;
}

/**
 * Podman's (containers/storage's) record files under the storage root, read again only when they change
 * (their stamp: inode, size, mtime), so identifying N containers reads each file once.
 */
export class PodmanStore {
  private readonly loaded = new Map<string, Loaded>();

  constructor(readonly storage: string) {}

  container(id: string): StoreLookup {
    return this.lookup('containers', id);
  }

  image(id: string): StoreLookup {
    return this.lookup('images', id);
  }

  /** The first driver's `<driver>-<kind>/<kind>.json` that exists, relative to the storage root. */
  recordFile(kind: 'containers' | 'images'): string | undefined {
    for (const driver of DRIVERS) {
      const relative = `${driver}-${kind}/${kind}.json`;
      if (stamp(`${this.storage}/${relative}`) !== undefined) return relative;
    }
    return undefined;
  }

  private lookup(kind: 'containers' | 'images', id: string): StoreLookup {
    const relative = this.recordFile(kind);
    if (relative === undefined) return { issue: `no ${kind}.json under ${this.storage}` };
    const now = stamp(`${this.storage}/${relative}`) ?? '';
    let loaded = this.loaded.get(kind);
    if (loaded === undefined || loaded.stamp !== now) {
      loaded = this.load(relative, now);
      this.loaded.set(kind, loaded);
    }
    const record = loaded.byId.get(id);
    if (record !== undefined) return { record };
    return loaded.issue === undefined ? {} : { issue: loaded.issue };
  }

  private load(relative: string, at: string): Loaded {
    const read = readEngineJson(this.storage, relative, 'Podman store', MAX_STORE_BYTES);
    const byId = new Map<string, StoreRecord>();
    if (!read.found) return { stamp: at, byId, issue: read.issue ?? `no ${read.file}` };
    if (!Array.isArray(read.value)) return { stamp: at, byId, issue: `Podman store ${read.file} is not a JSON list` };
    for (const value of read.value) {
      const record = recordOf(value);
      if (record !== undefined) byId.set(record.id, record);
    }
    return { stamp: at, byId };
  }
}

function stamp(file: string): string | undefined {
  try {
    const s = statSync(file);
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return undefined;
  }
}
