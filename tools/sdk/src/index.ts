export type { PublishedPackage } from './sdk-packages.js';
export { SDK_PACKAGES, EXAMPLE_PLUGIN, WORKSPACE } from './sdk-packages.js';
export { publishManifest } from './publish-manifest.js';
export { compilePackage } from './compile-package.js';
export type { PackedPackage, PackedPackages } from './pack-packages.js';
export { packPackages } from './pack-packages.js';
export { packSdkCached, packInputsDigest, PACK_CACHE } from './pack-sdk.js';
