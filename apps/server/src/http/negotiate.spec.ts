import { negotiate } from './negotiate.js';

const streams = ['application/x-ndjson', 'text/event-stream'] as const;

describe('negotiate', () => {
  it('gives the first offer when the client states nothing or accepts anything', () => {
    expect(negotiate(undefined, streams)).toBe('application/x-ndjson');
    expect(negotiate('*/*', streams)).toBe('application/x-ndjson');
  });

  it('honours an explicit media type, as EventSource sends it', () => {
    expect(negotiate('text/event-stream', streams)).toBe('text/event-stream');
    expect(negotiate('text/html, text/event-stream;q=0.9, */*;q=0.1', streams)).toBe('text/event-stream');
  });

  it('prefers the higher q-value and the more specific range', () => {
    expect(negotiate('application/x-ndjson;q=0.5, text/event-stream', streams)).toBe('text/event-stream');
    expect(negotiate('*/*;q=0.8, application/x-ndjson', streams)).toBe('application/x-ndjson');
  });

  it('refuses what it cannot offer, including q=0', () => {
    expect(negotiate('application/xml', streams)).toBeUndefined();
    expect(negotiate('text/event-stream;q=0', streams)).toBeUndefined();
  });
});
