import { matchesHost, parseHostPattern } from './hostPatterns';

const allows = (pattern: string, url: string) =>
  matchesHost(parseHostPattern(pattern)!, new URL(url));

describe('host patterns of agentRisk.fetch.allow', () => {
  it.each([
    ['agents.example.com', { host: 'agents.example.com', subdomains: false }],
    ['*.agents.example.com', { host: 'agents.example.com', subdomains: true }],
    ['127.0.0.1:8080', { host: '127.0.0.1', subdomains: false, port: 8080 }],
    ['[::1]:8080', { host: '[::1]', subdomains: false, port: 8080 }],
    ['localhost', { host: 'localhost', subdomains: false }],
  ])('reads %s', (text, pattern) => {
    expect(parseHostPattern(text)).toEqual({ port: undefined, ...pattern });
  });

  it.each([
    '',
    '*',
    '*.',
    '*example.com',
    'a.*.example.com',
    'https://agents.example.com',
    'agents.example.com/path',
    'user@agents.example.com',
    'Agents.Example.com',
    'agents.example.com:0',
    'agents.example.com:65536',
    'agents.example.com:',
    '*.127.0.0.1',
    '*.[::1]',
    '127.1',
    ' agents.example.com',
  ])('refuses %j', text => {
    expect(parseHostPattern(text)).toBeUndefined();
  });

  it('matches every port when the pattern names none, and only its port when it does', () => {
    expect(allows('127.0.0.1', 'http://127.0.0.1:1234/')).toBe(true);
    expect(allows('127.0.0.1', 'https://127.0.0.1/')).toBe(true);
    expect(allows('127.0.0.1:8080', 'http://127.0.0.1:8080/')).toBe(true);
    expect(allows('127.0.0.1:8080', 'http://127.0.0.1:8081/')).toBe(false);
    // The scheme's default port is the URL's port.
    expect(
      allows('agents.example.com:443', 'https://agents.example.com/'),
    ).toBe(true);
    expect(allows('agents.example.com:443', 'http://agents.example.com/')).toBe(
      false,
    );
  });

  it('matches subdomains with a wildcard, not the apex nor look-alikes', () => {
    const wildcard = '*.agents.example.com';
    expect(allows(wildcard, 'https://a.agents.example.com/')).toBe(true);
    expect(allows(wildcard, 'https://a.b.agents.example.com/')).toBe(true);
    expect(allows(wildcard, 'https://agents.example.com/')).toBe(false);
    expect(allows(wildcard, 'https://evilagents.example.com/')).toBe(false);
    expect(allows(wildcard, 'https://agents.example.com.evil.test/')).toBe(
      false,
    );
    expect(allows('agents.example.com', 'https://a.agents.example.com/')).toBe(
      false,
    );
  });

  it('compares the host as the URL parser writes it', () => {
    expect(allows('agents.example.com', 'https://AGENTS.example.COM/')).toBe(
      true,
    );
    expect(allows('127.0.0.1', 'http://127.1/')).toBe(true);
    expect(allows('127.0.0.1', 'http://127.0.0.2/')).toBe(false);
    expect(allows('[::1]', 'http://[0:0::1]:80/')).toBe(true);
  });
});
