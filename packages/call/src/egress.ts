import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import { FluxError } from '@fluxcore/errors';
import { isPrivateIP } from '@fluxcore/routing';
import { buildConnector } from 'undici';

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A connector that refuses non-public upstream addresses. A literal IP (or a `localhost`
 * name) is checked before connecting; a name is resolved once by our own lookup, every address it
 * returns is checked, and the socket connects to exactly those addresses. So DNS cannot
 * answer "public" to the check and "private" to the connect (DNS rebinding).
 */
export function publicOnlyConnector(connectTimeoutMs: number): buildConnector.connector {
  const connect = buildConnector({ timeout: connectTimeoutMs, lookup: publicOnlyLookup });
  return (options, callback) => {
    if (isPrivateIP(options.hostname)) {
      callback(egressBlocked(options.hostname, options.hostname), null);
      return;
    }
    connect(options, callback);
  };
}

function publicOnlyLookup(hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback): void {
  if (isPrivateIP(hostname)) {
    callback(egressBlocked(hostname, hostname), []);
    return;
  }
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err !== null) return callback(err, []);
    const blocked = addresses.find((entry) => isPrivateIP(entry.address));
    if (blocked !== undefined) return callback(egressBlocked(hostname, blocked.address), []);
    if (options.all === true) return callback(null, addresses);
    const [first] = addresses;
    if (first === undefined) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), []);
    callback(null, first.address, first.family);
  });
}

function egressBlocked(hostname: string, address: string): FluxError {
  const shown = hostname === address ? hostname : `${hostname} (${address})`;
  return new FluxError({
    category: 'network',
    message: `egress guard: ${shown} is not a public address and this pool allows public-only egress`,
  });
}
