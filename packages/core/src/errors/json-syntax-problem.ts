/**
 * What is wrong with text that `JSON.parse` refused, without quoting it: V8's messages quote the start of the
 * text (`Unexpected token 'r', "root:x:0:0:"... is not valid JSON`), and the text may be a file someone
 * else controls (a state file pointing at a secret). Keeps the position when V8 gives one.
 */
export function jsonSyntaxProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (message.startsWith('Unexpected end of JSON input')) return 'not valid JSON (it ends early)';
  const position = /at position (\d+)/.exec(message)?.[1];
  return position === undefined ? 'not valid JSON' : `not valid JSON (at position ${position})`;
}
