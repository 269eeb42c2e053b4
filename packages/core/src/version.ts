/** The version of `@katamon/core`, checked against each plugin's `coreRange`; equal to package.json's (a test checks). */
export const CORE_VERSION = '0.1.0';
