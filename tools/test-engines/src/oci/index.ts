export type { TarEntry } from './tar-archive.js';
export { encodeTar, tarPath } from './tar-archive.js';
export type { OciLayerEntry, OciLayerBlob, LayerCompression } from './oci-layer.js';
export { buildLayer, layerEntries, sha256 } from './oci-layer.js';
export type { OciImage, OciRuntimeConfig, OciArchive } from './oci-archive.js';
export { ociImageArchive, writeOciImageArchive, dockerFamiliarName } from './oci-archive.js';
export type { BusyboxImageOptions } from './busybox-image.js';
export { busyboxImage, pauseImage, findBusybox, BUSYBOX_APPLETS, PAUSE_IMAGE_REFERENCE } from './busybox-image.js';
