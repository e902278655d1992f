import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JsonObject } from '@fluxcore/message';

/** A stand-in for an Ollama server, speaking `/api/chat` as Ollama does. */
export interface SimulatedOllama {
  /** Base URL, `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Every request body received, in order. */
  readonly requests: JsonObject[];
  /** Headers of every request received, in order. */
  readonly headers: IncomingMessage['headers'][];
  /** Answer every request with this error status (Ollama's `{"error": ...}` body) until cleared. */
  setFailure(failure: { status: number; message: string } | undefined): void;
  close(): Promise<void>;
}

/**
 * Start a SIMULATED Ollama on 127.0.0.1: `POST /api/chat` answers `text` (split into words when
 * streaming, NDJSON with a final `done` line), or, when the request offers tools, a call of the
 * first tool with `{"city": "Paris"}`. Ollama streams unless the body says `"stream": false`.
 */
export async function startSimulatedOllama(options: { text: string; frameDelayMs?: number }): Promise<SimulatedOllama> {
  const requests: JsonObject[] = [];
  const headers: IncomingMessage['headers'][] = [];
  let failure: { status: number; message: string } | undefined;

  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let raw = '';
    for await (const chunk of req as AsyncIterable<Buffer>) raw += chunk.toString('utf8');
    if (req.method !== 'POST' || req.url !== '/api/chat') return sendJson(res, 404, { error: `404 page not found` });
    const body = JSON.parse(raw) as JsonObject;
    requests.push(body);
    headers.push(req.headers);
    if (failure !== undefined) return sendJson(res, failure.status, { error: failure.message });
    const model = typeof body.model === 'string' ? body.model : 'llama3.2';
    const line = (message: JsonObject, extra: JsonObject = {}) => ({
      model,
      created_at: new Date().toISOString(),
      message: { role: 'assistant', ...message },
      ...extra,
    });
    const done = { done: true, done_reason: 'stop', total_duration: 123_456_789, prompt_eval_count: 21, eval_count: 9 };
    const toolName = firstToolName(body);
    const pieces: JsonObject[] =
      toolName === undefined
        ? options.text.split(/(?= )/).map((word) => ({ content: word }))
        : [{ content: '', tool_calls: [{ function: { name: toolName, arguments: { city: 'Paris' } } }] }];
    if (body.stream === false) {
      const whole = toolName === undefined ? { content: options.text } : pieces[0]!;
      return sendJson(res, 200, line(whole, done));
    }
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    for (const piece of pieces) {
      res.write(`${JSON.stringify(line(piece, { done: false }))}\n`);
      if (options.frameDelayMs) await new Promise((resolve) => setTimeout(resolve, options.frameDelayMs));
    }
    res.end(`${JSON.stringify(line({ content: '' }, done))}\n`);
  };
  // A request it cannot answer (a body that is not JSON) is cut off, as a crashed server would.
  const server = createServer((req, res) => {
    answer(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    headers,
    setFailure: (next) => {
      failure = next;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function firstToolName(body: JsonObject): string | undefined {
  const tools = Array.isArray(body.tools) ? body.tools : [];
  const fn = (tools[0] as { function?: { name?: unknown } } | undefined)?.function;
  return typeof fn?.name === 'string' ? fn.name : undefined;
}

function sendJson(res: ServerResponse, status: number, body: JsonObject): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
