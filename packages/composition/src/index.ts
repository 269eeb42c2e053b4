export type { PluginErrorCode, PluginFailure } from './plugin-error.js';
export { pluginError } from './plugin-error.js';
export type { ManifestValidation } from './validate-manifests.js';
export { validateManifests } from './validate-manifests.js';
export type { PluginLoad } from './instantiate-plugin.js';
export { instantiatePlugin } from './instantiate-plugin.js';
export type { KatamonSettings } from './tokens.js';
export {
  SchedulerToken,
  LoggerToken,
  KatamonSettingsToken,
  PluginLoadToken,
  PluginFailureToken,
  KatamonToken,
} from './tokens.js';
export { pluginModule } from './plugin-module.js';
export { katamonModule } from './katamon-module.js';
export { defaultRoots, resolveRoots, splitRootList, givenRoles } from './default-roots.js';
export type { SystemSchedulerOptions } from './system-scheduler.js';
export { systemScheduler, createSystemScheduler } from './system-scheduler.js';
export type { ModuleImporter } from './import-plugin.js';
export { importPlugin } from './import-plugin.js';
export type { BuiltinChoice, BuiltinPlugins } from './builtin-plugins.js';
export { builtinPlugins, loadBuiltinPlugins, BUILTIN_NAMES } from './builtin-plugins.js';
export type { HostSettings } from './host/host-settings.js';
export { createHostKatamon, diagnoseHost } from './host/create-host-katamon.js';
export type { KatamonConfig, CreateKatamonFromPluginsOptions } from './create-katamon-from-plugins.js';
export { createKatamonFromPlugins } from './create-katamon-from-plugins.js';
export type { PluginModules, LoadPluginModulesOptions } from './load-plugin-modules.js';
export { loadPluginModules } from './load-plugin-modules.js';
export type { IsolationOptions } from './isolation/isolation-options.js';
export { DEFAULT_ISOLATION } from './isolation/isolation-options.js';
export type { GuardOptions } from './isolation/guard-source.js';
export { guardSource } from './isolation/guard-source.js';
export { guardResolver } from './isolation/guard-resolver.js';
export type { KatamonConfigFile } from './read-config-file.js';
export { readConfigFile } from './read-config-file.js';
export { SETTING_KEYS } from './setting-keys.js';
