import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import fc from 'fast-check';

/** One client-facing chat route, and a valid request for it that the mutations start from. */
export interface FuzzRoute {
  readonly name: string;
  /** Caller protocol (adapter name), which every error answer must be shaped in. */
  readonly protocol: string;
  path(model: string): string;
  /** A valid body naming `model` (Gemini names it in the path instead). */
  valid(model: string, stream: boolean): Record<string, unknown>;
  /** Whether the body decides streaming (Gemini's path does). */
  readonly streamInBody: boolean;
}

const CITY = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };

export const FUZZ_ROUTES: readonly FuzzRoute[] = [
  {
    name: 'OpenAI',
    protocol: 'openai',
    path: () => '/v1/chat/completions',
    streamInBody: true,
    valid: (model, stream) => ({
      model,
      stream,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
      ],
      tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather in a city.', parameters: CITY } }],
      tool_choice: 'auto',
      temperature: 0.5,
      max_tokens: 50,
      stop: ['END'],
    }),
  },
  {
    name: 'Anthropic',
    protocol: 'anthropic',
    path: () => '/v1/messages',
    streamInBody: true,
    valid: (model, stream) => ({
      model,
      stream,
      max_tokens: 100,
      system: [{ type: 'text', text: 'Be brief.' }],
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'sunny' }] },
      ],
      tools: [{ name: 'get_weather', description: 'Weather in a city.', input_schema: CITY }],
      temperature: 0.2,
      stop_sequences: ['END'],
    }),
  },
  ...[false, true].map((stream): FuzzRoute => ({
    name: stream ? 'Gemini stream' : 'Gemini generate',
    protocol: 'gemini',
    path: (model) => `/v1beta/models/${encodeURIComponent(model)}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
    streamInBody: false,
    valid: () => ({
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      contents: [
        { role: 'user', parts: [{ text: 'Weather in Paris?' }] },
        { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } } }] },
        { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { forecast: 'sunny' } } }] },
      ],
      tools: [
        {
          functionDeclarations: [
            { name: 'get_weather', description: 'Weather in a city.', parameters: { type: 'OBJECT', properties: { city: { type: 'STRING' } } } },
          ],
        },
      ],
      generationConfig: { temperature: 0.3, maxOutputTokens: 50, stopSequences: ['END'] },
    }),
  })),
  {
    name: 'Cohere v2',
    protocol: 'cohere',
    path: () => '/v2/chat',
    streamInBody: true,
    valid: (model, stream) => ({
      model,
      stream,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          tool_plan: 'Look it up.',
          tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
        },
        { role: 'tool', tool_call_id: 'c1', content: 'sunny' },
      ],
      tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather in a city.', parameters: CITY } }],
      temperature: 0.3,
      max_tokens: 50,
    }),
  },
  {
    name: 'Cohere v1',
    protocol: 'cohere-v1',
    path: () => '/v1/chat',
    streamInBody: true,
    valid: (model, stream) => ({
      model,
      stream,
      message: 'Weather in Paris?',
      preamble: 'Be brief.',
      chat_history: [
        { role: 'USER', message: 'Hello' },
        { role: 'CHATBOT', message: 'Hi.' },
      ],
      tools: [{ name: 'get_weather', description: 'Weather in a city.', parameter_definitions: { city: { type: 'str', required: true } } }],
      temperature: 0.3,
    }),
  },
];

/** What one fuzzed request got back. `transportError` is set when the connection broke instead. */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  transportError?: string;
}

/** Send raw bytes with exactly these headers (duplicates as arrays); bounded in time. */
export function send(baseURL: string, path: string, options: { method?: string; headers: OutgoingHttpHeaders; body?: Uint8Array | string }): Promise<Answer> {
  return new Promise((resolve) => {
    const req = httpRequest(baseURL + path, { method: options.method ?? 'POST', headers: options.headers, signal: AbortSignal.timeout(10_000) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (error) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '', transportError: error.message }));
    });
    req.on('error', (error) =>
      resolve({ status: 0, headers: {}, body: '', transportError: `${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}` }),
    );
    req.end(options.body);
  });
}

/**
 * Whether `text` is an error body in the shape `protocol`'s official SDK reads, with its
 * message (the shapes the adapters' formatError writes; Cohere v1 and v2 share one).
 */
export function protocolErrorMessage(protocol: string, text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
  const object = (value: unknown): Record<string, unknown> | undefined =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  const root = object(body);
  const error = object(root?.error);
  const message = (value: unknown) => (typeof value === 'string' ? value : undefined);
  switch (protocol) {
    case 'openai':
      return typeof error?.type === 'string' ? message(error.message) : undefined;
    case 'anthropic':
      return root?.type === 'error' && typeof error?.type === 'string' ? message(error.message) : undefined;
    case 'gemini':
      return typeof error?.code === 'number' && typeof error.status === 'string' ? message(error.message) : undefined;
    default:
      return message(root?.message);
  }
}

/** A JSON path into a request body. */
type Path = ReadonlyArray<string | number>;

/** Every path to a value inside `value` (the root excluded), parents before children. */
export function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((item, i) => [i, item]) : Object.entries(value);
  return entries.flatMap(([key, item]) => [[...prefix, key], ...pathsOf(item, [...prefix, key])]);
}

/** How one field of a valid request is damaged. */
export type Mutation =
  | { kind: 'drop' }
  | { kind: 'null' }
  | { kind: 'retype'; value: unknown }
  | { kind: 'huge'; shape: 'string' | 'array' | 'number' }
  | { kind: 'deep'; shape: 'array' | 'object'; depth: number };

/** A placeholder later replaced in the JSON text: deep nesting is written as text, never built as objects. */
const DEEP = '\u0000deep\u0000';

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant({ kind: 'drop' as const }),
  fc.constant({ kind: 'null' as const }),
  fc.record({
    kind: fc.constant('retype' as const),
    value: fc.oneof(
      fc.constantFrom(0, -1, 1.5, 1e308, -0, '', 'text', true, false, [], {}, [null], { type: 'text' }, ['a', 1], '__proto__', 'constructor'),
      fc.jsonValue({ maxDepth: 2 }),
    ),
  }),
  fc.record({ kind: fc.constant('huge' as const), shape: fc.constantFrom('string' as const, 'array' as const, 'number' as const) }),
  fc.record({ kind: fc.constant('deep' as const), shape: fc.constantFrom('array' as const, 'object' as const), depth: fc.constantFrom(64, 1_000, 20_000) }),
);

/** Up to three mutations, each at a path chosen by index (modulo the number of paths). */
export const mutations = fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 3 });

/** The body as JSON text after the mutations; a dropped or replaced parent takes its children with it. */
export function mutate(valid: Record<string, unknown>, changes: ReadonlyArray<readonly [number, Mutation]>): string {
  const body = structuredClone(valid);
  let deep: Extract<Mutation, { kind: 'deep' }> | undefined;
  for (const [index, change] of changes) {
    const paths = pathsOf(body);
    if (paths.length === 0) break;
    const path = paths[index % paths.length]!;
    const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], body) as
      Record<string | number, unknown> | unknown[];
    const key = path[path.length - 1]!;
    if (change.kind === 'drop') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      continue;
    }
    if (change.kind === 'deep') deep = change;
    (parent as Record<string | number, unknown>)[key] = replacement(change, (parent as Record<string | number, unknown>)[key]);
  }
  const text = JSON.stringify(body);
  if (deep === undefined) return text;
  const [open, close] = deep.shape === 'array' ? ['[', ']'] : ['{"a":', '}'];
  return text.split(JSON.stringify(DEEP)).join(`${open.repeat(deep.depth)}1${close.repeat(deep.depth)}`);
}

function replacement(change: Exclude<Mutation, { kind: 'drop' }>, current: unknown): unknown {
  switch (change.kind) {
    case 'null':
      return null;
    case 'retype':
      return change.value;
    case 'deep':
      return DEEP;
    case 'huge':
      if (change.shape === 'string') return 'x'.repeat(200_000);
      if (change.shape === 'number') return 123456789012345678901234567890;
      return copies(current);
  }
}

/**
 * Many independent copies of a field, about 400 KB in all at most, so that a later mutation
 * inside one copy changes that copy only and the body stays bounded.
 */
function copies(value: unknown): unknown[] {
  const size = Math.max(1, (JSON.stringify(value) ?? '').length);
  const count = Math.max(1, Math.min(2_000, Math.floor(400_000 / size)));
  return Array.from({ length: count }, () => structuredClone(value));
}
