/** katamon-server's version (kept equal to package.json's, and to the CLI's, by a test). */
export const SERVER_VERSION = '0.1.0';
