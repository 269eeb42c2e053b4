import { parseContainerQuery } from './parse-container-query.js';

describe(parseContainerQuery, () => {
  it.each([
    ['abc', { typed: 'abc', text: 'abc', nameOnly: false }],
    ['/web', { typed: '/web', text: 'web', nameOnly: true }],
    ['k8s.io/ctr1', { typed: 'k8s.io/ctr1', qualifier: 'k8s.io', text: 'ctr1', nameOnly: false }],
    ['docker/web', { typed: 'docker/web', qualifier: 'docker', text: 'web', nameOnly: false }],
  ])('%j', (typed, expected) => expect(parseContainerQuery(typed)).toEqual(expected));

  it.each([
    ['', 'container id cannot be empty'],
    ['a/b/c', 'invalid container ID format'],
    ['ns/', 'container id cannot be empty'],
    ['/', 'container id cannot be empty'],
    ['../x', 'invalid container ID format'],
    ['ns/..', 'invalid container ID format'],
    ['x'.repeat(2000), 'invalid container ID format: longer than 1024 characters'],
  ])('refuses %j: %s', (typed, message) => {
    expect(() => parseContainerQuery(typed)).toThrow(message);
  });
});
