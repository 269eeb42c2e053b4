export type { BuildServerOptions, KatamonServer } from './build-server.js';
export { buildServer } from './build-server.js';
export { KIND_TO_HTTP, HttpError } from './http/http-error.js';
export type { ErrorBody } from './http/http-error.js';
export { openApiDocument } from './openapi/openapi-document.js';
export { REQUEST_LIMITS } from './http/request-limits.js';
