import { formatPayload, PARAMETERS, payloadBuild } from '../scripts/cli/payload-format.cjs';

// The one definition of the CLI payload: what the bundler writes is what the loader reads.
describe('the CLI payload format', () => {
  it('names its build on the first line, from the text of the function that follows', () => {
    let hashed = '';
    const payload = formatPayload('module.exports = 1;', (body) => {
      hashed = body;
      return 'abc123';
    });
    expect(payloadBuild(payload)).toBe('abc123');
    expect(payload.slice(payload.indexOf('\n') + 1)).toBe(hashed);
  });

  it('is a function expression of the loader’s require, URL, import() and hand-off', () => {
    const payload = formatPayload(`out.push(typeof require, ${PARAMETERS.url}, ${PARAMETERS.full}());`, () => 'b');
    const out: unknown[] = [];
    // What the loader does: the script's completion value, called with what it hands in.
    const program = new Function('out', `return ${payload.slice(payload.indexOf('\n') + 1)}`)(out) as (
      ...args: unknown[]
    ) => void;
    program(
      () => undefined,
      'file:///k/katamon.cjs',
      () => undefined,
      () => 'full',
    );
    expect(out).toEqual(['function', 'file:///k/katamon.cjs', 'full']);
  });

  it('refuses a file that is not a payload', () => {
    expect(() => payloadBuild('(function () {})')).toThrow(/not a katamon payload/);
  });
});
