import type { CallOptions } from '@fluxcore/call';
import { isObject, type JsonObject, type ProtocolAdapter } from '@fluxcore/message';
import type { GrammarValidator, ProtocolName } from '@fluxcore/testkit';
import { caseTag, type ExpectedContent, type SoakCase } from './cases.js';
import { protocolNamed } from './protocols.js';

/**
 * One client protocol as its users send it: a request body written by hand in its wire format,
 * a reader for its non-streamed answer, and the grammar validator for its streams.
 */
export interface ClientProtocol {
  readonly adapter: ProtocolAdapter;
  body(soakCase: SoakCase): JsonObject;
  /** Call options the protocol needs (Gemini puts the model and streaming in the URL). */
  options(soakCase: SoakCase): CallOptions;
  /** The text and tool calls of a non-streamed answer. */
  read(body: JsonObject): ExpectedContent;
  readonly validate: GrammarValidator;
}

const CITY_SCHEMA = { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } }, required: ['city'] };
const prompt = (soakCase: SoakCase) => `${caseTag(soakCase.index)}: what is the weather like?`;
const hasTools = (soakCase: SoakCase) => soakCase.expected.toolCalls.length > 0;

/** The body OpenAI Chat and Cohere v2 clients both send: `messages`, and tools as `{ type: 'function', function }`. */
function messagesBody(c: SoakCase): JsonObject {
  return {
    model: 'soak-model',
    stream: c.stream,
    messages: [{ role: 'user', content: prompt(c) }],
    ...(hasTools(c) ? { tools: [{ type: 'function', function: { name: 'get_weather', parameters: CITY_SCHEMA } }] } : {}),
  };
}

/** The tool calls of an OpenAI Chat or Cohere v2 message: `{ function: { name, arguments } }`, the arguments as JSON text. */
function functionCalls(message: unknown): ExpectedContent['toolCalls'] {
  return asArray(field(message, 'tool_calls')).map((call) => {
    const fn = field(call, 'function');
    return { name: String(field(fn, 'name')), arguments: parseArguments(field(fn, 'arguments')) };
  });
}

/** What a client of each protocol sends and reads, written by hand; the adapter and grammar come from the protocol table. */
interface ClientSpec {
  body(soakCase: SoakCase): JsonObject;
  read(body: JsonObject): ExpectedContent;
}

function client(name: ProtocolName, spec: ClientSpec): ClientProtocol {
  const protocol = protocolNamed(name);
  return { ...spec, adapter: protocol.adapter, validate: protocol.validate, options: (c) => ({ route: protocol.route(c.stream, 'soak-model') }) };
}

export const CLIENTS: readonly ClientProtocol[] = [
  client('openai', {
    body: messagesBody,
    read: (body) => {
      const message = field(at(field(body, 'choices'), 0), 'message');
      return { text: stringOr(field(message, 'content')), toolCalls: functionCalls(message) };
    },
  }),
  client('anthropic', {
    body: (c) => ({
      model: 'soak-model',
      max_tokens: 512,
      stream: c.stream,
      messages: [{ role: 'user', content: prompt(c) }],
      ...(hasTools(c) ? { tools: [{ name: 'get_weather', input_schema: CITY_SCHEMA }] } : {}),
    }),
    read: (body) => {
      const blocks = asArray(field(body, 'content'));
      return {
        text: blocks
          .filter((b) => field(b, 'type') === 'text')
          .map((b) => String(field(b, 'text')))
          .join(''),
        toolCalls: blocks
          .filter((b) => field(b, 'type') === 'tool_use')
          .map((b) => ({ name: String(field(b, 'name')), arguments: field(b, 'input') as JsonObject })),
      };
    },
  }),
  client('gemini', {
    body: (c) => ({
      contents: [{ role: 'user', parts: [{ text: prompt(c) }] }],
      ...(hasTools(c) ? { tools: [{ functionDeclarations: [{ name: 'get_weather', parameters: CITY_SCHEMA }] }] } : {}),
    }),
    read: (body) => {
      const parts = asArray(field(field(at(field(body, 'candidates'), 0), 'content'), 'parts'));
      return {
        text: parts
          .filter((p) => typeof field(p, 'text') === 'string' && field(p, 'thought') !== true)
          .map((p) => String(field(p, 'text')))
          .join(''),
        toolCalls: parts
          .filter((p) => field(p, 'functionCall') !== undefined)
          .map((p) => ({ name: String(field(field(p, 'functionCall'), 'name')), arguments: field(field(p, 'functionCall'), 'args') as JsonObject })),
      };
    },
  }),
  client('cohere', {
    body: messagesBody,
    read: (body) => {
      const message = field(body, 'message');
      return {
        text: asArray(field(message, 'content'))
          .filter((p) => field(p, 'type') === 'text')
          .map((p) => String(field(p, 'text')))
          .join(''),
        toolCalls: functionCalls(message),
      };
    },
  }),
  client('cohere-v1', {
    body: (c) => ({
      model: 'soak-model',
      stream: c.stream,
      message: prompt(c),
      ...(hasTools(c)
        ? {
            tools: [
              {
                name: 'get_weather',
                description: 'Weather in a city.',
                parameter_definitions: { city: { type: 'str', required: true }, days: { type: 'int' } },
              },
            ],
          }
        : {}),
    }),
    read: (body) => {
      const calls = asArray(field(body, 'tool_calls'));
      return {
        // With tool calls, v1's `text` is the tool plan, not answer text.
        text: calls.length > 0 ? '' : stringOr(field(body, 'text')),
        toolCalls: calls.map((call) => ({ name: String(field(call, 'name')), arguments: field(call, 'parameters') as JsonObject })),
      };
    },
  }),
];

function field(value: unknown, name: string): unknown {
  return isObject(value) ? value[name] : undefined;
}

function at(value: unknown, index: number): unknown {
  return Array.isArray(value) ? value[index] : undefined;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function stringOr(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function parseArguments(value: unknown): JsonObject {
  return (typeof value === 'string' ? JSON.parse(value) : value) as JsonObject;
}
