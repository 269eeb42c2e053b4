export { plugin, containersFileFrom } from './plugin.js';
export type { ContainerEntry } from './containers-file.js';
export { readContainersFile } from './containers-file.js';
export { createJsonFileResolver, RESOLVER_NAME } from './json-file-resolver.js';
export { createProcPidSource, SOURCE_NAME } from './proc-pid-source.js';
