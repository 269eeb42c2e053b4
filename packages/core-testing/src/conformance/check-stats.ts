import { ERROR_KINDS, checkStats as checkModel } from '@katamon/core';

/**
 * Everything that is wrong with a (partial) Stats value, as `path: problem` lines; empty when valid.
 * Core's own check, the one katamon runs on every plugin result: a source that passes it here is one
 * whose results katamon accepts.
 */
export function checkStats(stats: unknown): string[] {
  return checkModel(stats);
}

/** Problems with the issues a source reported (each needs source, a known kind and a message). */
export function checkIssues(issues: unknown): string[] {
  if (issues === undefined) return [];
  if (!Array.isArray(issues)) return ['issues: not an array'];
  return issues.flatMap((issue, i) => {
    const at = `issues[${i}]`;
    if (!isPlainObject(issue)) return [`${at}: not an object`];
    const out: string[] = [];
    if (typeof issue['source'] !== 'string' || issue['source'] === '') out.push(`${at}.source: not a non-empty string`);
    if (!(ERROR_KINDS as readonly unknown[]).includes(issue['kind']))
      out.push(`${at}.kind: ${String(issue['kind'])} is not an error kind`);
    if (typeof issue['message'] !== 'string') out.push(`${at}.message: not a string`);
    if (issue['path'] !== undefined && typeof issue['path'] !== 'string') out.push(`${at}.path: not a string`);
    return out;
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Map);
}
