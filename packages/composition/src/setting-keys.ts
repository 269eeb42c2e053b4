/**
 * Config-file keys that set an app's options, each the camelCase name of the flag: katamon-server's options
 * and the CLI's global ones. Both apps read the same file and each ignores the other's keys; any other key is
 * an error, so a misspelt setting is never silently ignored. `plugins` and `pluginConfig` are read here.
 */
export const SETTING_KEYS: ReadonlySet<string> = new Set([
  // both apps
  'root',
  'crunRoot',
  'kataRoot',
  'cgroupRoot',
  'procRoot',
  'logLevel',
  // the CLI
  'logFormat',
  // katamon-server
  'host',
  'port',
  'socket',
  'tokenFile',
  'tlsCert',
  'tlsKey',
  'logFile',
  'logRequests',
  'maxAge',
  'streamBuffer',
  'maxStreams',
  'shutdownTimeout',
]);
