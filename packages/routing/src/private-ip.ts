import { FluxError } from '@fluxcore/errors';

/** Non-public IPv4 ranges as [network, prefix length]. */
const PRIVATE_IPV4: ReadonlyArray<readonly [number, number]> = [
  [ipv4(0, 0, 0, 0), 8], // "this network"
  [ipv4(10, 0, 0, 0), 8], // private
  [ipv4(100, 64, 0, 0), 10], // carrier-grade NAT
  [ipv4(127, 0, 0, 0), 8], // loopback
  [ipv4(169, 254, 0, 0), 16], // link-local (cloud metadata lives here)
  [ipv4(172, 16, 0, 0), 12], // private
  [ipv4(192, 0, 0, 0), 24], // IETF protocol assignments
  [ipv4(192, 168, 0, 0), 16], // private
  [ipv4(198, 18, 0, 0), 15], // benchmarking
  [ipv4(224, 0, 0, 0), 4], // multicast
  [ipv4(240, 0, 0, 0), 4], // reserved, and 255.255.255.255 broadcast
];

/**
 * True when `host` names a non-public address, in any spelling: `localhost` and `*.localhost`
 * (any case, trailing dot); the IPv4 ranges 0/8, 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12,
 * 192.0.0/24, 192.168/16, 198.18/15, 224/4, 240/4 written dotted, decimal (`2130706433`), hex
 * (`0x7f000001`), octal (`0177.0.0.1`) or short (`127.1`); IPv6 `::`, `::1`, fc00::/7,
 * fe80::/10, fec0::/10, ff00::/8, with or without brackets and zone id, and every IPv6 form that embeds a
 * private IPv4 (mapped `::ffff:`, compatible `::a.b.c.d`, translated `::ffff:0:`, NAT64
 * `64:ff9b::/96`, 6to4 `2002::/16`), dotted or hex.
 *
 * False for public addresses and for ordinary host names: a name is not resolved here (use
 * {@link assertPublicHost} for that). Pass a hostname (`new URL(u).hostname`), not `host:port`.
 */
export function isPrivateIP(host: string): boolean {
  if (typeof host !== 'string') return false;
  const name = normalizeHost(host);
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  const v4 = parseIPv4(name);
  if (v4 !== undefined) return isPrivateIPv4(v4);
  const v6 = parseIPv6(name);
  return v6 !== undefined && isPrivateIPv6(v6);
}

/** One resolved address, as `dns.promises.lookup(host, { all: true })` returns them. */
export interface LookupAddress {
  readonly address: string;
  readonly family?: number;
}

/** Options for {@link assertPublicHost}. */
export interface AssertPublicHostOptions {
  /** Resolves a host name to all its addresses. Default: node's `dns.promises.lookup` with `all: true`. */
  readonly lookup?: (hostname: string) => Promise<readonly LookupAddress[]>;
}

/**
 * Resolve `hostname` and throw a FluxError `invalid_request` if it is private or if ANY of its
 * addresses is; returns the addresses otherwise. Connect to one of the returned addresses
 * (pin it) rather than resolving again, or a DNS answer that changes in between (rebinding)
 * defeats the check. A failed lookup throws a FluxError `network`.
 */
export async function assertPublicHost(hostname: string, options: AssertPublicHostOptions = {}): Promise<readonly LookupAddress[]> {
  if (typeof hostname !== 'string' || normalizeHost(hostname) === '') throw rejected('a host name is required');
  if (isPrivateIP(hostname)) throw rejected(`host ${JSON.stringify(hostname)} is a private address`);
  const name = normalizeHost(hostname);
  if (parseIPv4(name) !== undefined || parseIPv6(name) !== undefined) return [{ address: name }];
  const lookup = options.lookup ?? lookupAll;
  let addresses: readonly LookupAddress[];
  try {
    addresses = await lookup(name);
  } catch (cause) {
    throw new FluxError({ category: 'network', message: `could not resolve host ${JSON.stringify(hostname)}`, cause });
  }
  if (addresses.length === 0) throw new FluxError({ category: 'network', message: `host ${JSON.stringify(hostname)} resolved to no address` });
  const privateAddress = addresses.find((entry) => isPrivateIP(entry.address));
  if (privateAddress !== undefined) {
    throw rejected(`host ${JSON.stringify(hostname)} resolves to the private address ${privateAddress.address}`);
  }
  return addresses;
}

async function lookupAll(hostname: string): Promise<readonly LookupAddress[]> {
  const dns = await import('node:dns/promises');
  return dns.lookup(hostname, { all: true, verbatim: true });
}

function rejected(message: string): FluxError {
  return new FluxError({ category: 'invalid_request', message, param: 'hostname' });
}

/** Lower case, no surrounding space, no brackets, no port after brackets, no zone id, no trailing dot. */
function normalizeHost(host: string): string {
  let name = host.trim().toLowerCase();
  if (name.startsWith('[')) {
    const close = name.indexOf(']');
    name = close === -1 ? name.slice(1) : name.slice(1, close);
  }
  const zone = name.indexOf('%');
  if (zone !== -1 && name.includes(':')) name = name.slice(0, zone);
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/**
 * IPv4 in every form `inet_aton` and the WHATWG URL parser accept: one to four parts, each
 * decimal, `0x` hex or `0`-prefixed octal, the last part filling the remaining bytes.
 */
function parseIPv4(name: string): number | undefined {
  const parts = name.split('.');
  if (parts.length > 4) return undefined;
  const values: number[] = [];
  for (const part of parts) {
    const value = parseIPv4Part(part);
    if (value === undefined) return undefined;
    values.push(value);
  }
  const last = values.pop()!;
  if (values.some((value) => value > 255) || last >= 256 ** (4 - values.length)) return undefined;
  return values.reduce((sum, value, index) => sum + value * 256 ** (3 - index), 0) + last;
}

function parseIPv4Part(part: string): number | undefined {
  if (/^0x[0-9a-f]*$/.test(part)) return part.length === 2 ? 0 : parseInt(part.slice(2), 16);
  if (/^0[0-7]+$/.test(part)) return parseInt(part, 8);
  if (/^(?:0|[1-9][0-9]*)$/.test(part)) return Number(part);
  return undefined;
}

function isPrivateIPv4(address: number): boolean {
  return PRIVATE_IPV4.some(([network, prefix]) => Math.floor(address / 2 ** (32 - prefix)) === Math.floor(network / 2 ** (32 - prefix)));
}

/** IPv6 as eight 16-bit groups; a trailing dotted IPv4 fills the last two. */
function parseIPv6(name: string): number[] | undefined {
  if (!name.includes(':')) return undefined;
  const halves = name.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0]!, halves.length === 1);
  const tail = halves.length === 2 ? parseGroups(halves[1]!, true) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

function parseGroups(text: string, mayEndWithIPv4: boolean): number[] | undefined {
  if (text === '') return [];
  const groups: number[] = [];
  const pieces = text.split(':');
  for (const [index, piece] of pieces.entries()) {
    if (mayEndWithIPv4 && index === pieces.length - 1 && piece.includes('.')) {
      const v4 = parseDottedQuad(piece);
      if (v4 === undefined) return undefined;
      groups.push(Math.floor(v4 / 0x10000), v4 % 0x10000);
    } else if (/^[0-9a-f]{1,4}$/.test(piece)) {
      groups.push(parseInt(piece, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

/** Inside IPv6 only the strict dotted-quad decimal form is valid. */
function parseDottedQuad(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^(?:0|[1-9][0-9]{0,2})$/.test(part) && Number(part) <= 255)) return undefined;
  return parts.reduce((sum, part) => sum * 256 + Number(part), 0);
}

function isPrivateIPv6(g: readonly number[]): boolean {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = g as [number, number, number, number, number, number, number, number];
  const embedded = g6 * 0x10000 + g7;
  const zeroTo = (end: number) => g.slice(0, end).every((group) => group === 0);
  if (zeroTo(7) && (g7 === 0 || g7 === 1)) return true; // :: and ::1
  if ((g0 & 0xfe00) === 0xfc00) return true; // unique local fc00::/7
  if ((g0 & 0xffc0) === 0xfe80) return true; // link-local fe80::/10
  if ((g0 & 0xffc0) === 0xfec0) return true; // site-local fec0::/10 (deprecated, never public)
  if ((g0 & 0xff00) === 0xff00) return true; // multicast ff00::/8
  if (zeroTo(5) && g5 === 0xffff) return isPrivateIPv4(embedded); // mapped ::ffff:a.b.c.d
  if (zeroTo(6)) return isPrivateIPv4(embedded); // compatible ::a.b.c.d
  if (zeroTo(4) && g4 === 0xffff && g5 === 0) return isPrivateIPv4(embedded); // translated ::ffff:0:a.b.c.d
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return isPrivateIPv4(embedded); // NAT64
  if (g0 === 0x2002) return isPrivateIPv4(g1 * 0x10000 + g2); // 6to4
  return false;
}

function ipv4(a: number, b: number, c: number, d: number): number {
  return ((a * 256 + b) * 256 + c) * 256 + d;
}
