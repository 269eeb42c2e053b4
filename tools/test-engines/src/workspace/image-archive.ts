import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeOciImageArchive, type OciImage } from '../oci/oci-archive.js';
import type { Workspace } from './workspace.js';

/** An image to load: built here from an OciImage (once per workspace), or an archive already on disk. */
export type ImageSource = OciImage | string;

export async function imageArchivePath(ws: Workspace, image: ImageSource): Promise<string> {
  if (typeof image === 'string') return image;
  const path = join(ws.subdir('images'), image.reference.replace(/[^a-zA-Z0-9._-]+/g, '_') + '.tar');
  if (!existsSync(path)) await writeOciImageArchive(path, image);
  return path;
}
