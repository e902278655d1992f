// In-process conversion cost, every inbound x outbound pair (5 x 5), measured the way
// @fluxcore/call does the work:
// - request: JSON text from the client -> JSON.parse -> inbound parseRequest -> outbound
//   buildRequest (or buildPassthroughRequest when both sides speak the same protocol);
// - stream: a 200-event upstream stream, one wire frame per chunk -> outbound decoder ->
//   inbound encoder (or the adapter's verbatim passthrough on the same protocol), on one core.
// Targets (issue 6): stream conversion >= 300,000 events/s per core.
// Run after `pnpm build`: `pnpm --filter @fluxcore/bench bench:conversion`.
import { ADAPTERS, clientBody, MODEL, PROTOCOLS, routeOf, upstreamFrames, CHAT_REQUEST } from './lib/fixtures.mjs';
import { openai } from '@fluxcore/openai';
import { measure, SMOKE, table } from './lib/runner.mjs';

const utf8 = new TextEncoder();
const target = (stream) => ({ baseURL: 'http://127.0.0.1:9', apiKey: 'sk-bench-upstream', model: MODEL, stream });

/** One request conversion, client JSON text to upstream request, as call does it. */
function requestCase(from, to) {
  const inbound = ADAPTERS[from];
  const outbound = ADAPTERS[to];
  const text = JSON.stringify(clientBody(from));
  const route = routeOf(from);
  const upstream = target(false);
  return () => {
    const body = JSON.parse(text);
    const request = inbound.parseRequest(body, route);
    return from === to ? outbound.buildPassthroughRequest(body, upstream) : outbound.buildRequest(request, upstream);
  };
}

/** One whole stream conversion: upstream frames (bytes) in, client wire text out. */
function streamCase(from, to) {
  const inbound = ADAPTERS[from];
  const outbound = ADAPTERS[to];
  const chunks = upstreamFrames(to).map((frame) => utf8.encode(frame));
  const context = { request: openai.parseRequest({ ...CHAT_REQUEST, stream: true }) };
  const passthrough = from === to && outbound.createStreamPassthrough !== undefined;
  const run = passthrough
    ? () => {
        const pass = outbound.createStreamPassthrough(context);
        let size = 0;
        for (const chunk of chunks) size += pass.push(chunk).wire.length;
        return size + pass.end().wire.length;
      }
    : () => {
        const decoder = outbound.createStreamDecoder();
        const encoder = inbound.createStreamEncoder(context);
        let size = 0;
        for (const chunk of chunks) for (const event of decoder.push(chunk)) size += encoder.encode(event).length;
        for (const event of decoder.end()) size += encoder.encode(event).length;
        return size;
      };
  if (run() === 0) throw new Error(`${to} -> ${from}: the stream converted to nothing`);
  return { run, events: chunks.length };
}

const requestBytes = Object.fromEntries(PROTOCOLS.map((p) => [p, JSON.stringify(clientBody(p)).length]));

const requestCases = [];
const streamCases = [];
const streamEvents = new Map();
for (const from of PROTOCOLS) {
  for (const to of PROTOCOLS) {
    requestCases.push({ name: `request ${from} -> ${to}`, fn: requestCase(from, to) });
    const stream = streamCase(from, to);
    streamEvents.set(`stream ${to} -> ${from}`, stream.events);
    streamCases.push({ name: `stream ${to} -> ${from}`, fn: stream.run });
  }
}

console.error('request conversion (client -> upstream)');
const requestNs = await measure(requestCases);
console.error('stream conversion (upstream -> client)');
const streamNs = await measure(streamCases);

const header = ['client \\ upstream', ...PROTOCOLS];
const bodyBytes = `${Math.min(...Object.values(requestBytes))}-${Math.max(...Object.values(requestBytes))} bytes`;
console.log(`\n### Request conversion, µs per request (median; client body ${bodyBytes}, two tools)\n`);
console.log(
  table(
    header,
    PROTOCOLS.map((from) => [from, ...PROTOCOLS.map((to) => (requestNs.get(`request ${from} -> ${to}`) / 1000).toFixed(1))]),
  ),
);

let slowest = Infinity;
const rate = (from, to) => {
  const name = `stream ${to} -> ${from}`;
  const perSecond = (streamEvents.get(name) / streamNs.get(name)) * 1e9;
  slowest = Math.min(slowest, perSecond);
  return `${Math.round(perSecond / 1000).toLocaleString('en-US')}k`;
};
console.log(`\n### Stream conversion, upstream events per second on one core (target >= 300k; ~200-event stream, one frame per chunk)\n`);
console.log(
  table(
    header,
    PROTOCOLS.map((from) => [from, ...PROTOCOLS.map((to) => rate(from, to))]),
  ),
);
console.log(`\nslowest pair: ${Math.round(slowest).toLocaleString('en-US')} events/s${SMOKE ? ' (smoke run, not a measurement)' : ''}`);
