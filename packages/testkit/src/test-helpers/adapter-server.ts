import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FluxError, isFluxError } from '@fluxcore/errors';
import type { ChatRequest, ProtocolAdapter, StreamEvent } from '@fluxcore/message';

/** One request to an {@link AdapterServer}: the request, its whole body as text, and the response to write. */
export interface AdapterExchange {
  readonly req: IncomingMessage;
  readonly body: string;
  readonly res: ServerResponse;
}

/** The part of an adapter that renders errors. */
type ErrorFormatter = Pick<ProtocolAdapter, 'formatError'>;

/** A local server that answers a real client (an official SDK) through an adapter's inbound side. */
export interface AdapterServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts an HTTP server on 127.0.0.1, on a free port, that hands each request with its body to
 * `handle`. What `handle` throws is answered in the protocol of `adapter` (or of the adapter it
 * picks for the request) with `formatError`: a FluxError as it is (the `invalid_request` of a
 * body `parseRequest` refused, say), anything else as a `server` error.
 */
export async function startAdapterServer(
  adapter: ErrorFormatter | ((req: IncomingMessage) => ErrorFormatter),
  handle: (exchange: AdapterExchange) => void | Promise<void>,
): Promise<AdapterServer> {
  const adapterFor = typeof adapter === 'function' ? adapter : () => adapter;
  const server = createServer((req, res) => {
    void (async () => {
      try {
        await handle({ req, body: await readBody(req), res });
      } catch (error) {
        sendError(res, adapterFor(req), isFluxError(error) ? error : new FluxError({ category: 'server', message: String(error) }));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Answers with `body` as JSON. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Answers with `error` as `adapter` formats it: its status, headers and body. */
export function sendError(res: ServerResponse, adapter: ErrorFormatter, error: FluxError): void {
  const formatted = adapter.formatError(error);
  sendJson(res, formatted.status, formatted.body, formatted.headers);
}

/**
 * Streams `events` with `adapter`'s encoder for `request`. With `failWith`, the stream then ends
 * with the encoder's `fail`, after a pause that lets the events written so far reach the client
 * on their own.
 */
export async function sendEvents(
  res: ServerResponse,
  adapter: Pick<ProtocolAdapter, 'createStreamEncoder' | 'streamContentType'>,
  request: ChatRequest,
  events: readonly StreamEvent[],
  failWith?: FluxError,
): Promise<void> {
  const encoder = adapter.createStreamEncoder({ request });
  res.writeHead(200, { 'content-type': adapter.streamContentType });
  for (const event of events) res.write(encoder.encode(event));
  if (failWith === undefined) {
    res.end();
    return;
  }
  await new Promise((resolve) => setImmediate(resolve));
  res.end(encoder.fail(failWith));
}
