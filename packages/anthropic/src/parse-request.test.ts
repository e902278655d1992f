import type { FluxError } from '@fluxcore/errors';
import { deeplyNested, fluxErrorOf } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';
import { fixtureJson } from './__fixtures__/load.js';
import { parseRequest } from './parse-request.js';

const full = parseRequest(fixtureJson('request-full.json'));

const errorOf = (body: unknown): FluxError => fluxErrorOf(() => parseRequest(body));

describe('parseRequest', () => {
  it('reads sampling fields, keeping 0 as a value', () => {
    expect(full).toMatchObject({ model: 'claude-sonnet-4-5', maxTokens: 8192, temperature: 0, topP: 0.9, topK: 40, stream: false, user: 'user-123' });
    expect(full.stopSequences).toEqual(['\n\nHuman:', 'END']);
    expect(parseRequest({ model: 'm', max_tokens: 0, messages: [] }).maxTokens).toBe(0);
  });

  it('turns system blocks into one system message and keeps cache_control on its part', () => {
    expect(full.messages[0]).toEqual({
      role: 'system',
      content: [
        { type: 'text', text: 'You are a travel assistant.', extras: { anthropic: { cache_control: { type: 'ephemeral' } } } },
        { type: 'text', text: 'Answer in French.' },
      ],
    });
    expect(parseRequest({ messages: [], system: 'Be brief.' }).messages).toEqual([{ role: 'system', content: [{ type: 'text', text: 'Be brief.' }] }]);
  });

  it('reads images by base64 and URL, and PDF, URL and text documents', () => {
    const user = full.messages[1]!;
    expect(user.role).toBe('user');
    expect(user.content).toEqual([
      { type: 'text', text: 'What is in these?' },
      { type: 'image', source: { kind: 'base64', data: 'iVBORw0KGgo=', mediaType: 'image/png' } },
      { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.jpg' } },
      {
        type: 'file',
        source: { kind: 'base64', data: 'JVBERi0xLjQ=', mediaType: 'application/pdf' },
        filename: 'report.pdf',
        extras: { anthropic: { citations: { enabled: true } } },
      },
      { type: 'file', source: { kind: 'url', url: 'https://example.com/a.pdf', mediaType: 'application/pdf' } },
      {
        type: 'file',
        source: { kind: 'base64', data: Buffer.from('Plain notes: café ☕').toString('base64'), mediaType: 'text/plain' },
        extras: { anthropic: { context: 'notes' } },
      },
    ]);
  });

  it('keeps blocks the IR does not model, with their positions, in the message extras', () => {
    expect(full.messages[1]!.extras?.anthropic?.unmodelled_blocks).toEqual([
      { index: 3, item: { type: 'image', source: { type: 'file', file_id: 'file_011abc' } } },
    ]);
    expect(full.messages[2]!.extras?.anthropic?.unmodelled_blocks).toEqual([
      { index: 3, item: { type: 'server_tool_use', id: 'srvtoolu_01', name: 'web_search', input: { query: 'Paris weather' } } },
      { index: 4, item: { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_01', content: [] } },
    ]);
  });

  it('reads thinking with its signature, redacted thinking and tool calls with JSON arguments', () => {
    expect(full.messages[2]).toMatchObject({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'The user wants the weather too.', signature: { family: 'anthropic', value: 'EqQBCkYIAhgCKkD-sig' } },
        { type: 'reasoning', text: '', redacted: { family: 'anthropic', value: 'EmwKAhgBEgy-redacted' } },
        { type: 'text', text: 'Let me check both cities.' },
        { type: 'tool-call', id: 'toolu_01A', name: 'get_weather', arguments: '{"city":"Paris"}' },
        {
          type: 'tool-call',
          id: 'toolu_01B',
          name: 'get_weather',
          arguments: '{"city":"Lyon","units":"C"}',
          extras: { anthropic: { cache_control: { type: 'ephemeral' } } },
        },
      ],
    });
  });

  it('splits a user turn into a tool message (results first) and a user message', () => {
    expect(full.messages[3]).toEqual({
      role: 'tool',
      content: [
        { type: 'tool-result', toolCallId: 'toolu_01A', content: [{ type: 'text', text: '18C and sunny' }] },
        {
          type: 'tool-result',
          toolCallId: 'toolu_01B',
          isError: true,
          content: [
            { type: 'text', text: 'station offline' },
            { type: 'image', source: { kind: 'url', url: 'https://example.com/map.png' } },
          ],
        },
      ],
    });
    expect(full.messages[4]).toMatchObject({ role: 'user', content: [{ type: 'text', text: 'Thanks. And tomorrow?' }] });
    expect(full.messages).toHaveLength(5);
  });

  it('reads custom tools, keeps server tools opaque, and reads tool_choice with disable_parallel_tool_use', () => {
    expect(full.tools).toEqual([
      {
        name: 'get_weather',
        description: 'Current weather for a city',
        parameters: { type: 'object', properties: { city: { type: 'string' }, units: { type: 'string', enum: ['C', 'F'] } }, required: ['city'] },
        extras: { anthropic: { cache_control: { type: 'ephemeral' } } },
      },
      { name: 'get_time', parameters: { type: 'object' }, strict: true },
    ]);
    expect(full.extras?.anthropic?.unmodelled_tools).toEqual([{ index: 1, item: { type: 'web_search_20250305', name: 'web_search', max_uses: 3 } }]);
    expect(full).toMatchObject({ toolChoice: { type: 'auto' }, parallelToolCalls: false });
    expect(parseRequest({ messages: [], tool_choice: { type: 'any' } })).toMatchObject({ toolChoice: { type: 'required' } });
    const choice = (tool_choice: object) => parseRequest({ messages: [], tool_choice });
    expect(choice({ type: 'auto' })).toMatchObject({ toolChoice: { type: 'auto' } });
    expect(choice({ type: 'none' })).toMatchObject({ toolChoice: { type: 'none' } });
    expect(choice({ type: 'tool', name: 'get_time', disable_parallel_tool_use: false })).toMatchObject({
      toolChoice: { type: 'tool', name: 'get_time' },
      parallelToolCalls: true,
    });
  });

  it('reads thinking as reasoning, output_config.format as the response format, and keeps the rest in extras', () => {
    expect(full.reasoning).toEqual({ enabled: true, budgetTokens: 2048 });
    expect(full.responseFormat).toEqual({ type: 'json', schema: { type: 'object', properties: { answer: { type: 'string' } } } });
    expect(full.extras?.anthropic).toMatchObject({ service_tier: 'standard_only', container: 'container_abc', output_config: { effort: 'high' } });
    expect(parseRequest({ messages: [], thinking: { type: 'disabled' } }).reasoning).toEqual({ enabled: false });
    const adaptive = parseRequest({ messages: [], thinking: { type: 'adaptive', display: 'summarized' } });
    expect(adaptive.reasoning).toEqual({ enabled: true });
    expect(adaptive.extras?.anthropic?.thinking).toEqual({ type: 'adaptive', display: 'summarized' });
  });

  it('accepts a mid-conversation system turn and string content', () => {
    const request = parseRequest({
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'system', content: [{ type: 'text', text: 'Now be formal.' }] },
      ],
    });
    expect(request.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      { role: 'system', content: [{ type: 'text', text: 'Now be formal.' }] },
    ]);
  });

  it.each([
    ['a body that is not an object', [], 'body', 'body: expected an object'],
    ['messages missing', {}, 'messages', 'messages: expected an array'],
    ['a bad role', { messages: [{ role: 'bot', content: 'x' }] }, 'messages[0].role', 'messages[0].role: expected "user" or "assistant"'],
    [
      'content of the wrong type',
      { messages: [{ role: 'user', content: 5 }] },
      'messages[0].content',
      'messages[0].content: expected a string or an array of content blocks',
    ],
    [
      'a block without a type',
      { messages: [{ role: 'user', content: [{ text: 'x' }] }] },
      'messages[0].content[0].type',
      'expected a content block type string',
    ],
    ['a text block without text', { messages: [{ role: 'user', content: [{ type: 'text' }] }] }, 'messages[0].content[0].text', 'expected a string'],
    ['an image without a source', { messages: [{ role: 'user', content: [{ type: 'image' }] }] }, 'messages[0].content[0].source', 'expected an object'],
    [
      'a tool_result without tool_use_id',
      { messages: [{ role: 'user', content: [{ type: 'tool_result', content: 'x' }] }] },
      'messages[0].content[0].tool_use_id',
      'expected a string',
    ],
    [
      'tool_use input that is not an object',
      { messages: [{ role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: '[]' }] }] },
      'messages[0].content[0].input',
      'expected an object',
    ],
    [
      'tool_use input nested deeper than JSON.stringify can write',
      {
        messages: [{ role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: deeplyNested() }] }],
      },
      'messages[0].content[0].input',
      'expected JSON nested less deeply',
    ],
    ['negative max_tokens', { messages: [], max_tokens: -1 }, 'body.max_tokens', 'body.max_tokens: expected a non-negative integer'],
    ['a string temperature', { messages: [], temperature: '0.5' }, 'body.temperature', 'expected a number'],
    ['stop_sequences with a number', { messages: [], stop_sequences: ['a', 1] }, 'stop_sequences[1]', 'expected a string'],
    [
      'a tool schema that is not an object schema',
      { messages: [], tools: [{ name: 'f', input_schema: { type: 'array' } }] },
      'tools[0].input_schema.type',
      'expected "object"',
    ],
    ['a tool without input_schema', { messages: [], tools: [{ name: 'f' }] }, 'tools[0].input_schema', 'expected an object'],
    ['an unknown tool_choice', { messages: [], tool_choice: { type: 'sometimes' } }, 'tool_choice.type', 'expected one of "auto", "any", "none", "tool"'],
    ['a named tool_choice without name', { messages: [], tool_choice: { type: 'tool' } }, 'tool_choice.name', 'expected a string'],
    ['thinking without a budget', { messages: [], thinking: { type: 'enabled' } }, 'thinking.budget_tokens', 'expected an integer >= 1024'],
    ['an unknown thinking type', { messages: [], thinking: { type: 'deep' } }, 'thinking.type', 'expected one of'],
    ['a non-text system block', { messages: [], system: [{ type: 'image' }] }, 'system[0].type', 'system accepts only text blocks'],
    ['a format that is not json_schema', { messages: [], output_config: { format: { type: 'xml' } } }, 'output_config.format.type', 'expected "json_schema"'],
    ['metadata.user_id that is not a string', { messages: [], metadata: { user_id: 7 } }, 'metadata.user_id', 'expected a string'],
  ])('rejects %s with invalid_request naming the field', (_name, body, param, message) => {
    const error = errorOf(body);
    expect(error).toMatchObject({ category: 'invalid_request', status: 400, param });
    expect(error.message).toContain(message);
  });
});
