import { jsonSyntaxProblem } from './json-syntax-problem.js';

const problemOf = (text: string): string => {
  try {
    JSON.parse(text);
  } catch (error) {
    return jsonSyntaxProblem(error);
  }
  throw new Error('parsed');
};

describe(jsonSyntaxProblem, () => {
  it.each([
    ['root:$6$katamon-secret:19000:0:99999:7:::', 'not valid JSON'],
    ['{"id":', 'not valid JSON (it ends early)'],
    ['{"id":"a"', 'not valid JSON (at position 9)'],
    ['{"id":"a"}katamon-secret', 'not valid JSON (at position 10)'],
    ['{katamon-secret:1}', 'not valid JSON (at position 1)'],
    ['', 'not valid JSON (it ends early)'],
  ])('%j: %s, never the text', (text, problem) => {
    expect(problemOf(text)).toBe(problem);
    expect(problemOf(text)).not.toContain('katamon-secret');
  });

  it('says only "not valid JSON" for anything else', () => {
    expect(jsonSyntaxProblem('x')).toBe('not valid JSON');
  });
});
