/**
 * Config-file keys that set katamon-server's options, each the camelCase name of its flag. The CLI reads the
 * same file for `plugins` and `pluginConfig` (read here) and ignores these; any other key is an error, so a
 * misspelt setting is never silently ignored.
 */
export const SETTING_KEYS: ReadonlySet<string> = new Set([
  'root',
  'crunRoot',
  'kataRoot',
  'cgroupRoot',
  'procRoot',
  'discover',
  'containerdRoot',
  'containerdState',
  'dockerExecRoot',
  'dockerDataRoot',
  'podmanRoot',
  'logLevel',
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
