export type { OciImage, OciLayerEntry, OciArchive } from './oci/index.js';
export {
  busyboxImage,
  pauseImage,
  ociImageArchive,
  writeOciImageArchive,
  dockerFamiliarName,
  PAUSE_IMAGE_REFERENCE,
} from './oci/index.js';
