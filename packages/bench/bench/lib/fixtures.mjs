// Inputs shared by the benchmarks: a realistic ~2 KB chat request with two tools, written once
// in OpenAI's wire format and rendered into every other protocol by the adapters, and a
// 200-event text stream rendered as each protocol's upstream frames.
import { anthropic } from '@fluxcore/anthropic';
import { cohere, cohereV1 } from '@fluxcore/cohere';
import { gemini } from '@fluxcore/gemini';
import { openai } from '@fluxcore/openai';

/** The five built-in protocols, by adapter name. */
export const ADAPTERS = { openai, anthropic, gemini, cohere, 'cohere-v1': cohereV1 };
export const PROTOCOLS = Object.keys(ADAPTERS);

export const MODEL = 'gpt-mock';

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather and the forecast for the next three days at a place, in metric or imperial units.',
    parameters: {
      type: 'object',
      properties: {
        location: { type: 'string', description: 'City and country, for example "Lisbon, Portugal".' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'], description: 'Temperature unit.' },
        days: { type: 'integer', minimum: 1, maximum: 3, description: 'Days of forecast to include.' },
      },
      required: ['location'],
      additionalProperties: false,
    },
  },
};

const searchTool = {
  type: 'function',
  function: {
    name: 'search_flights',
    description: 'Search direct and one-stop flights between two airports on a date, cheapest first.',
    parameters: {
      type: 'object',
      properties: {
        from: { type: 'string', description: 'IATA code of the departure airport.' },
        to: { type: 'string', description: 'IATA code of the arrival airport.' },
        date: { type: 'string', format: 'date', description: 'Departure date, YYYY-MM-DD.' },
        maxStops: { type: 'integer', minimum: 0, maximum: 1 },
      },
      required: ['from', 'to', 'date'],
    },
  },
};

/** A five-turn conversation with a system prompt, a tool call and its result: about 2 KB of JSON. */
export const CHAT_REQUEST = {
  model: MODEL,
  messages: [
    {
      role: 'system',
      content:
        'You are a travel assistant. Answer briefly, in the language of the user. ' +
        'Use the tools when the answer depends on live data, and never invent flight numbers or prices.',
    },
    { role: 'user', content: 'I am flying from Lisbon to Berlin next Friday. What will the weather be like when I land, and are there cheaper flights?' },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'call_Wx81KpQz', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Berlin, Germany","unit":"celsius","days":1}' } },
      ],
    },
    {
      role: 'tool',
      tool_call_id: 'call_Wx81KpQz',
      content: JSON.stringify({
        location: 'Berlin, Germany',
        now: { temp: 14, condition: 'light rain', wind_kph: 18 },
        forecast: [{ day: 'Friday', min: 9, max: 16, condition: 'showers' }],
      }),
    },
    { role: 'user', content: 'Thanks. Also check flights for that date, direct only if possible.' },
  ],
  tools: [weatherTool, searchTool],
  tool_choice: 'auto',
  temperature: 0.3,
  max_tokens: 800,
};

const TARGET = { baseURL: 'http://127.0.0.1:9', apiKey: 'sk-bench-upstream', model: MODEL };

/** The CHAT_REQUEST as a client of `protocol` would send it (object), with Gemini's model from the path. */
export function clientBody(protocol) {
  if (protocol === 'openai') return structuredClone(CHAT_REQUEST);
  const ir = openai.parseRequest(CHAT_REQUEST);
  return JSON.parse(ADAPTERS[protocol].buildRequest(ir, { ...TARGET, stream: false }).body);
}

/** What the inbound URL says, for protocols that put the model there (Gemini). */
export function routeOf(protocol) {
  return protocol === 'gemini' ? { model: MODEL, stream: false } : undefined;
}

/** Total events of the benchmark stream, as the issue asks: 200. */
export const STREAM_EVENTS = 200;

const WORDS = [' The', ' quick', ' brown', ' fox', ' jumps', ' over', ' the', ' lazy', ' dog', '.', ' Olá', ' 你好', ' world', '\n', ' "quoted"'];

/** IR events of a 200-event text answer: start, text-start, 195 deltas, text-end, usage, finish. */
export function streamEvents() {
  const events = [
    { type: 'start', id: 'resp_bench_0001', model: MODEL, created: 1_764_000_000 },
    { type: 'text-start', index: 0 },
  ];
  for (let i = 0; events.length < STREAM_EVENTS - 3; i++) events.push({ type: 'text-delta', index: 0, text: WORDS[i % WORDS.length] });
  const usage = { inputTokens: 412, outputTokens: 196 };
  events.push({ type: 'text-end', index: 0 }, { type: 'usage', usage }, { type: 'finish', finishReason: 'stop', rawFinishReason: 'stop', usage });
  return events;
}

/**
 * The stream as `protocol`'s upstream would send it: one string per wire frame (an SSE event
 * or an NDJSON line), as its encoder writes them.
 */
export function upstreamFrames(protocol) {
  const adapter = ADAPTERS[protocol];
  const request = openai.parseRequest({ ...CHAT_REQUEST, stream: true, stream_options: { include_usage: true } });
  const encoder = adapter.createStreamEncoder({ request });
  let wire = '';
  for (const event of streamEvents()) wire += encoder.encode(event);
  const separator = adapter.streamContentType.includes('event-stream') ? '\n\n' : '\n';
  return wire
    .split(separator)
    .filter((frame) => frame !== '')
    .map((frame) => frame + separator);
}
