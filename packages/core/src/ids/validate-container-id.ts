import { KatamonError } from '../errors/katamon-error.js';

/** Longest id katamon accepts; real ids are 64 hex characters, names are shorter. */
export const MAX_CONTAINER_ID_LENGTH = 1024;

const allowed = /^[A-Za-z0-9_+.-]+$/;

/**
 * Rejects an id before any file is opened: runc's character set `[A-Za-z0-9_+.-]`, no `.`/`..`
 * (the only non-clean path components that set allows), bounded length.
 */
export function validateContainerId(id: string): string {
  if (id.length === 0) throw new KatamonError('invalid-argument', 'container id cannot be empty');
  if (id.length > MAX_CONTAINER_ID_LENGTH) {
    throw new KatamonError(
      'invalid-argument',
      `invalid container ID format: longer than ${MAX_CONTAINER_ID_LENGTH} characters`,
    );
  }
  if (!allowed.test(id) || id === '.' || id === '..') {
    throw new KatamonError('invalid-argument', 'invalid container ID format');
  }
  return id;
}

/** Whether a directory entry can be a container (or namespace) id: {@link validateContainerId} without a throw. */
export function isValidContainerId(name: string): boolean {
  return (
    name.length > 0 && name.length <= MAX_CONTAINER_ID_LENGTH && allowed.test(name) && name !== '.' && name !== '..'
  );
}
