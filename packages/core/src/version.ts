/** The version of `@katamon/core`, checked against each plugin's `coreRange`. Keep in step with package.json. */
export const CORE_VERSION = '0.1.0';
