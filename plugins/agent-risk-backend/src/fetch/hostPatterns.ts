/**
 * A parsed entry of `agentRisk.fetch.allow`: an exact host, or `*.` and a
 * domain (its subdomains at any depth, not the domain itself), with an
 * optional port (none: every port).
 *
 * @public
 */
export interface HostPattern {
  /** The host as the WHATWG URL parser writes it (IPv6 in brackets). */
  host: string;
  /** `*.host`: subdomains of host only. */
  subdomains: boolean;
  port?: number;
}

const PATTERN = /^(\*\.)?(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)(?::(\d{1,5}))?$/;

/**
 * Parses a host pattern (`agents.example.com`, `*.agents.example.com`,
 * `127.0.0.1:8080`, `[::1]:8080`); undefined when it is not one. Only the
 * canonical spelling is taken (lower case, IPv4 dotted, punycode), so what
 * is listed is exactly what a URL's host is compared with.
 */
export function parseHostPattern(text: string): HostPattern | undefined {
  const match = PATTERN.exec(text);
  if (!match) {
    return undefined;
  }
  const [, star, host, portText] = match;
  let parsed: URL;
  try {
    parsed = new URL(`http://${host}/`);
  } catch {
    return undefined;
  }
  if (parsed.hostname !== host) {
    return undefined;
  }
  // A wildcard is for names: "*.0.0.1" or "*.[::1]" would mean nothing.
  const isIp = host.startsWith('[') || /^[\d.]+$/.test(host);
  if (star && isIp) {
    return undefined;
  }
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && (port < 1 || port > 65535)) {
    return undefined;
  }
  return { host, subdomains: Boolean(star), port };
}

/** The port a URL connects to: its own, else its scheme's default. */
export function effectivePort(url: URL): number {
  if (url.port) {
    return Number(url.port);
  }
  return url.protocol === 'https:' ? 443 : 80;
}

/** Whether a pattern allows the host and port of a URL. */
export function matchesHost(pattern: HostPattern, url: URL): boolean {
  const hostMatches = pattern.subdomains
    ? url.hostname.endsWith(`.${pattern.host}`)
    : url.hostname === pattern.host;
  return (
    hostMatches &&
    (pattern.port === undefined || pattern.port === effectivePort(url))
  );
}

/** The pattern that allows exactly the host and port of a URL. */
export function exactHostOf(url: URL): HostPattern {
  return { host: url.hostname, subdomains: false, port: effectivePort(url) };
}
