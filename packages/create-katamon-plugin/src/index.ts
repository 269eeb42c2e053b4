export type { GenerateOptions } from './generate-plugin.js';
export { generatePlugin, TEMPLATE_DIR, ownVersion } from './generate-plugin.js';
export type { PluginNames } from './plugin-names.js';
export { pluginNames } from './plugin-names.js';
export { TOOLCHAIN, NODE_ENGINES } from './toolchain.js';
export type { Io } from './main.js';
export { main } from './main.js';
