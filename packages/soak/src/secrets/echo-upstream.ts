import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ProviderSimulator, Scenario, SimulatedCall } from '@fluxcore/testkit';

/**
 * How the echoing upstream answers. Each one repeats what the request carried (its URL, every
 * header, the key it read, and a Gemini `?key=` URL built from it):
 * - `error`: the provider's own error body with that status, the echo in its message, and the
 *   Authorization value echoed in a response header too;
 * - `text`: a plain-text error page (a misconfigured proxy) with that status;
 * - `stream-error`: a 200 stream with some content, then the provider's in-stream error signal;
 * - `malformed`: a 200 body that is not JSON, the echo inside it.
 */
export type EchoMode = { kind: 'error' | 'text'; status: number } | { kind: 'stream-error' } | { kind: 'malformed' };

/** A running echoing upstream. */
export interface EchoUpstream {
  readonly url: string;
  /** Requests received. */
  readonly received: number;
  setMode(mode: EchoMode): void;
  close(): Promise<void>;
}

const STREAM_SCENARIO: Scenario = { text: 'Some content before the echoed error.', usage: { inputTokens: 5, outputTokens: 8 }, chunkSize: 6 };

/**
 * Start an upstream on 127.0.0.1 that speaks `simulator`'s protocol and, whatever it is asked,
 * answers by echoing the credentials it was sent: the worst a provider or a proxy in front of
 * it can do.
 */
export async function startEchoUpstream(simulator: ProviderSimulator, initial: EchoMode): Promise<EchoUpstream> {
  let mode = initial;
  let received = 0;
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received += 1;
      answer(simulator, mode, req, Buffer.concat(chunks).toString('utf8'), res);
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get received() {
      return received;
    },
    setMode: (next) => {
      mode = next;
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function answer(simulator: ProviderSimulator, mode: EchoMode, req: IncomingMessage, rawBody: string, res: ServerResponse): void {
  const [path = '/', query = ''] = (req.url ?? '/').split('?', 2);
  const call: SimulatedCall = { path, query, headers: req.headers, body: parseJson(rawBody) };
  const key = simulator.apiKeyOf(call) ?? '(none)';
  const echo =
    `Incorrect API key provided: ${key}. You sent ${req.method} ${req.url} with headers ${JSON.stringify(req.headers)}; ` +
    `Authorization: ${req.headers.authorization ?? 'Bearer ' + key}; retry at https://generativelanguage.googleapis.com/v1beta/models/m:generateContent?key=${key}&alt=sse`;
  const echoHeaders = { 'x-echo-authorization': String(req.headers.authorization ?? key), 'x-echo-key': key };
  switch (mode.kind) {
    case 'error':
      res.writeHead(mode.status, { 'content-type': 'application/json', ...echoHeaders });
      res.end(
        JSON.stringify(simulator.renderError(mode.status === 401 ? 'authentication' : mode.status >= 500 ? 'server' : 'invalid_request', mode.status, echo)),
      );
      return;
    case 'text':
      res.writeHead(mode.status, { 'content-type': 'text/plain', ...echoHeaders });
      res.end(`<html><body>proxy error: ${echo}</body></html>`);
      return;
    case 'malformed':
      res.writeHead(200, { 'content-type': 'application/json', ...echoHeaders });
      res.end(`{"id":"x","echo":"${echo}`);
      return;
    case 'stream-error': {
      const route = simulator.route(call);
      if (route?.stream !== true) {
        res.writeHead(500, { 'content-type': 'application/json', ...echoHeaders });
        res.end(JSON.stringify(simulator.renderError('server', 500, echo)));
        return;
      }
      res.writeHead(200, { 'content-type': simulator.streamContentType, ...echoHeaders });
      for (const frame of simulator.renderStream(STREAM_SCENARIO, 'echo-model').slice(0, 4)) res.write(frame);
      const signal = simulator.renderStreamError('server', echo);
      // A protocol with no in-stream error object (Cohere v1) gets the echo as a broken frame.
      res.end(signal ?? `${JSON.stringify({ event_type: 'text-generation', text: 0, echo })}\n{${echo}\n`);
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
