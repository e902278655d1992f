import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { formatError, request, requestStream } from '@fluxcore/call';
import { FluxError } from '@fluxcore/errors';
import { openai } from '@fluxcore/openai';
import type { EndpointPool } from '@fluxcore/routing';
import { readJson } from './read-json.js';

/**
 * An OpenAI-compatible `POST /v1/chat/completions` in front of a pool: any OpenAI client can
 * point its base URL here, and every call goes to the pool's cheapest healthy endpoint, in
 * whatever protocol that endpoint speaks. Errors are answered in the OpenAI format.
 */
export function createChatServer(pool: EndpointPool): Server {
  // answerChat answers its own errors; the catch keeps a failure to send that answer from
  // becoming an unhandled rejection (which would end the process): the connection is cut instead.
  return createServer((req, res) => {
    answerChat(pool, req, res).catch(() => res.destroy());
  });
}

async function answerChat(pool: EndpointPool, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const clientGone = new AbortController();
  res.on('close', () => clientGone.abort()); // the client left: abort the upstream call too
  const signal = clientGone.signal;
  try {
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      throw new FluxError({ category: 'not_found', message: `no route for ${req.method} ${req.url}` });
    }
    const body = await readJson(req);
    if (body.stream === true) {
      const stream = await requestStream(pool, body, openai, { signal });
      for await (const chunk of stream) {
        // Headers wait for the first chunk: until then the stream may still fail over.
        if (!res.headersSent)
          res.writeHead(200, { 'content-type': stream.contentType, 'cache-control': 'no-cache', 'x-fluxcore-endpoint': String(stream.endpoint.id) });
        if (!res.write(chunk)) await once(res, 'drain', { signal });
      }
      res.end();
    } else {
      const result = await request(pool, body, openai, { signal });
      res.writeHead(200, { 'content-type': 'application/json', 'x-fluxcore-endpoint': String(result.endpoint.id) });
      res.end(JSON.stringify(result.body));
    }
  } catch (error) {
    if (res.headersSent) return void res.destroy(); // the client left mid-stream: nothing left to answer
    const { status, body, headers } = formatError(error, openai);
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }
}
