// The simulated OpenAI upstream every target talks to. It answers at once: a ~400-byte
// completion, or a 200-event SSE stream written one event per write (as a provider streams
// token by token). Model "hold" opens a stream, sends its first content and then stays idle
// until the client goes away (for the idle-stream memory measurement).
import { createServer } from 'node:http';
import { STREAM_EVENTS } from '../lib/fixtures.mjs';
import { serve } from './serve.mjs';

const CREATED = 1_764_000_000;

function completion(model) {
  return JSON.stringify({
    id: 'chatcmpl-bench0001',
    object: 'chat.completion',
    created: CREATED,
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: 'Friday in Berlin: showers, 9 to 16 °C. I will look for direct flights from LIS to BER next.', refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: { prompt_tokens: 412, completion_tokens: 24, total_tokens: 436 },
    system_fingerprint: 'fp_bench',
  });
}

const WORDS = [' The', ' quick', ' brown', ' fox', ' jumps', ' over', ' the', ' lazy', ' dog', '.'];

/** SSE frames of a 200-event answer (role, content deltas, finish, usage when asked, [DONE]). */
function frames(model, withUsage) {
  const envelope = `"id":"chatcmpl-bench0001","object":"chat.completion.chunk","created":${CREATED}`;
  const head = `{${envelope},"model":${JSON.stringify(model)},"system_fingerprint":"fp_bench","choices":`;
  const chunk = (delta, finish) => `data: ${head}[{"index":0,"delta":${JSON.stringify(delta)},"logprobs":null,"finish_reason":${finish}}]}\n\n`;
  const out = [chunk({ role: 'assistant', content: '', refusal: null }, 'null')];
  const contentEvents = STREAM_EVENTS - 3 - (withUsage ? 1 : 0);
  for (let i = 0; i < contentEvents; i++) out.push(chunk({ content: WORDS[i % WORDS.length] }, 'null'));
  out.push(chunk({}, '"stop"'));
  if (withUsage) out.push(`data: ${head}[],"usage":{"prompt_tokens":412,"completion_tokens":${contentEvents},"total_tokens":${412 + contentEvents}}}\n\n`);
  out.push('data: [DONE]\n\n');
  return out;
}

const cache = new Map();
function framesFor(model, withUsage) {
  const key = `${model}\n${withUsage}`;
  let found = cache.get(key);
  if (found === undefined) cache.set(key, (found = frames(model, withUsage)));
  return found;
}

const server = createServer((req, res) => {
  const parts = [];
  req.on('data', (chunk) => parts.push(chunk));
  req.on('end', () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(parts).toString('utf8'));
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"message":"bad json","type":"invalid_request_error"}}');
      return;
    }
    const model = typeof body.model === 'string' ? body.model : 'gpt-mock';
    if (body.stream !== true) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(completion(model));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const all = framesFor(model, body.stream_options?.include_usage === true);
    if (model === 'hold') {
      res.write(all[0]);
      res.write(all[1]);
      return;
    }
    for (const frame of all) res.write(frame);
    res.end();
  });
});

await serve(server);
