import { readdir, readFile, stat } from 'node:fs/promises';
import {
  KatamonError,
  MAX_CONTAINER_ID_LENGTH,
  type ContainerRef,
  type ContainerResolver,
  type ContainerStatus,
} from '@katamon/core';

export const RESOLVER_NAME = '__KIND__';
const SUFFIX = '.pid';
/** What katamon accepts as an id (runc's rules): anything else in the directory is not a container. */
const ID = /^[A-Za-z0-9_+.-]+$/;
/** Linux's largest pid (PID_MAX_LIMIT). */
const MAX_PID = 4_194_304;

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/** ids of `<dir>/<id>.pid` files; a missing directory holds no containers. */
async function listIds(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (code(error) === 'ENOENT') return [];
    throw new KatamonError('io', `cannot list ${dir}: ${(error as Error).message}`, { path: dir, cause: error });
  }
  return names
    .filter((name) => name.endsWith(SUFFIX))
    .map((name) => name.slice(0, -SUFFIX.length))
    .filter((id) => ID.test(id) && id !== '.' && id !== '..' && id.length <= MAX_CONTAINER_ID_LENGTH);
}

/** The container of one pid file, or undefined when the file is gone (or its name too long to exist). */
async function load(dir: string, id: string, proc: string): Promise<ContainerRef | undefined> {
  const file = `${dir}/${id}${SUFFIX}`;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (code(error) === 'ENOENT' || code(error) === 'ENAMETOOLONG') return undefined;
    throw new KatamonError('io', `cannot read ${file}: ${(error as Error).message}`, { path: file, cause: error });
  }
  const pid = Number(text.trim());
  const ref: ContainerRef = { id, runtime: RESOLVER_NAME, resolver: RESOLVER_NAME, status: 'unknown' };
  // A pid file with garbage in it is still listed (status unknown), so that the user sees it.
  if (!Number.isInteger(pid) || pid < 1 || pid > MAX_PID) return { ...ref, labels: { error: `${file}: not a pid` } };
  return { ...ref, pid, status: await statusOf(pid, proc) };
}

async function statusOf(pid: number, proc: string): Promise<ContainerStatus> {
  try {
    await stat(`${proc}/${pid}`);
    return 'running';
  } catch {
    return 'stopped';
  }
}

/**
 * Containers as pid files: `<dir>/<id>.pid` holds the pid of the container's main process, as many daemons
 * write one. The directory is read again on every call: katamon sees containers come and go.
 */
export function createPidFileResolver(dir: string, proc = '/proc'): ContainerResolver {
  const some = async (wanted: (id: string) => boolean) => {
    const refs = await Promise.all((await listIds(dir)).filter(wanted).map((id) => load(dir, id, proc)));
    return refs.filter((ref): ref is ContainerRef => ref !== undefined);
  };
  return {
    name: RESOLVER_NAME,
    // An exact id, or every id it starts when shorter than 64 characters; katamon decides between them.
    match: (query) => some((id) => id === query || (query.length < 64 && id.startsWith(query))),
    list: () => some(() => true),
    async refresh(ref) {
      const now = await load(dir, ref.id, proc);
      return now?.status === 'running' ? now : undefined;
    },
  };
}
