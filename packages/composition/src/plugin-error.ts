import { KatamonError } from '@katamon/core';

/** Stable codes of plugin failures (apps print them; `/readyz` reports them). */
export type PluginErrorCode =
  /** The module could not be imported, or exports no `plugin`. */
  | 'KATAMON_PLUGIN_IMPORT'
  /** The manifest or a factory or a created source/resolver has the wrong shape. */
  | 'KATAMON_PLUGIN_SHAPE'
  /** `apiVersion` is not the one this core speaks. */
  | 'KATAMON_PLUGIN_API_VERSION'
  /** This core's version is outside the plugin's `coreRange`. */
  | 'KATAMON_PLUGIN_CORE_RANGE'
  /** A plugin of the same name is already loaded. */
  | 'KATAMON_PLUGIN_DUPLICATE'
  /** A plugin named in `requires` is missing or failed. */
  | 'KATAMON_PLUGIN_REQUIRES'
  /** A factory threw while creating a source or resolver. */
  | 'KATAMON_PLUGIN_CREATE'
  /** An isolated plugin's worker stopped (exited, crashed, or blocked past its deadline) and is restarting. */
  | 'KATAMON_PLUGIN_RESTARTING'
  /** An isolated plugin's worker stopped too often in a row: it is off until the process restarts. */
  | 'KATAMON_PLUGIN_DISABLED';

/** A plugin failure: a KatamonError of kind `plugin` whose message names the plugin. */
export function pluginError(code: PluginErrorCode, plugin: string, detail: string, cause?: unknown): KatamonError {
  return new KatamonError('plugin', `plugin "${plugin}": ${detail}`, cause === undefined ? { code } : { code, cause });
}

/** One plugin that could not be loaded, as reported by `health()`. */
export interface PluginFailure {
  name: string;
  error: KatamonError;
}
