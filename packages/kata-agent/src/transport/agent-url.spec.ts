import { parseAgentUrl } from './agent-url.js';

describe('parseAgentUrl', () => {
  it('parses every form the runtime writes', () => {
    expect(parseAgentUrl('vsock://830455376:1024')).toEqual({ kind: 'vsock', cid: 830455376, port: 1024 });
    expect(parseAgentUrl('hvsock:///run/vc/vm/abc/clh.sock:1024')).toEqual({
      kind: 'hvsock',
      path: '/run/vc/vm/abc/clh.sock',
      port: 1024,
    });
    for (const scheme of ['unix', 'mock', 'remote']) {
      expect(parseAgentUrl(`${scheme}:///run/x.sock`)).toEqual({ kind: 'unix', path: '/run/x.sock' });
    }
  });

  it('rejects what the Go client would not dial', () => {
    for (const bad of [
      'vsock://-1:1024',
      'vsock://3:99999999999',
      'vsock://3',
      'hvsock:///a:b/c.sock:1024',
      'hvsock://relative.sock:1024',
      'hvsock:///x.sock',
      'unix://relative',
      'http://shim/agent-url',
      'no-scheme',
    ]) {
      expect(() => parseAgentUrl(bad), bad).toThrow(expect.objectContaining({ kind: 'invalid-argument' }));
    }
  });
});
