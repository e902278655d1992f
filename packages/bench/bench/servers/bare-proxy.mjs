// (b) The practical limit for any Node gateway: node:http in, undici out, the JSON parsed, the
// model looked up and set, the answer parsed and serialised again. Streams are piped through untouched.
import { createServer } from 'node:http';
import { request } from 'undici';
import { serve } from './serve.mjs';

const upstream = `${process.env.UPSTREAM_URL}/v1/chat/completions`;
/** Client-facing model -> upstream model. */
const models = new Map([
  ['gpt-mock', 'gpt-mock'],
  ['hold', 'hold'],
]);

/** Forward one request; every failure is answered here (502, or the stream cut), so it never rejects. */
async function proxy(req, res) {
  try {
    const parts = [];
    for await (const part of req) parts.push(part);
    const body = JSON.parse(Buffer.concat(parts).toString('utf8'));
    body.model = models.get(body.model) ?? 'gpt-mock';
    const answer = await request(upstream, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench-upstream' },
      body: JSON.stringify(body),
    });
    if (body.stream === true) {
      res.writeHead(answer.statusCode, { 'content-type': 'text/event-stream' });
      for await (const chunk of answer.body) res.write(chunk);
      res.end();
    } else {
      const json = await answer.body.json();
      res.writeHead(answer.statusCode, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    }
  } catch {
    if (!res.headersSent) res.writeHead(502).end();
    else res.destroy();
  }
}

const server = createServer((req, res) => void proxy(req, res));

await serve(server);
