import type { FluxError } from '@fluxcore/errors';
import { fluxErrorOf } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';
import { fixtureJson } from './__fixtures__/load.js';
import { parseRequest } from './parse-request.js';

const user = (content: unknown) => ({ model: 'm', messages: [{ role: 'user', content }] });

const rejection = (body: unknown): FluxError => fluxErrorOf(() => parseRequest(body));

describe('parseRequest', () => {
  const request = parseRequest(fixtureJson('request-full.json'));

  it('keeps system and developer messages in place, developer marked in extras', () => {
    expect(request.messages[0]).toEqual({ role: 'system', content: [{ type: 'text', text: 'You are terse.' }], extras: { openai: { role: 'developer' } } });
    expect(request.messages[1]).toEqual({
      role: 'system',
      content: [
        { type: 'text', text: 'Answer in English.' },
        { type: 'text', text: 'Use metric units.' },
      ],
    });
  });

  it('reads user parts: text, images by URL and data URL with detail, PDF file, audio, per-part extras', () => {
    expect(request.messages[2]).toEqual({
      role: 'user',
      name: 'ada',
      content: [
        { type: 'text', text: 'What is in these files?' },
        { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.png' }, detail: 'high' },
        { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } },
        { type: 'file', filename: 'report.pdf', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0xLjQ=' } },
        { type: 'file', source: { kind: 'base64', mediaType: 'audio/wav', data: 'UklGRg==' } },
        { type: 'text', text: 'Be brief.', extras: { openai: { cache_control: { type: 'ephemeral' } } } },
      ],
    });
  });

  it.each(['constructor', '__proto__', 'toString'])(
    'reads an input_audio format named like an Object member (%s) as the media type audio/<format>',
    (format) => {
      expect(parseRequest(user([{ type: 'input_audio', input_audio: { data: 'UklGRg==', format } }])).messages).toEqual([
        { role: 'user', content: [{ type: 'file', source: { kind: 'base64', mediaType: `audio/${format}`, data: 'UklGRg==' } }] },
      ]);
    },
  );

  it('reads assistant text and tool calls, and names tool results from the calls they answer', () => {
    expect(request.messages[3]).toEqual({
      role: 'assistant',
      content: [
        { type: 'text', text: 'Let me check the weather first.' },
        { type: 'tool-call', id: 'call_paris', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'tool-call', id: 'call_tokyo', name: 'get_weather', arguments: '{"city":"Tokyo"}' },
      ],
    });
    expect(request.messages[4]).toEqual({
      role: 'tool',
      content: [{ type: 'tool-result', toolCallId: 'call_paris', toolName: 'get_weather', content: [{ type: 'text', text: '{"temp_c":18}' }] }],
    });
    expect(request.messages[5]?.content[0]).toMatchObject({ toolCallId: 'call_tokyo', content: [{ text: '{"temp_c":' }, { text: '24}' }] });
  });

  it('reads tools, tool choice, sampling, 0 as a value, stop, seed, user, schema and effort', () => {
    expect(request).toMatchObject({
      model: 'gpt-4.1-mini',
      stream: true,
      streamUsage: true,
      tools: [
        {
          name: 'get_weather',
          description: 'Current weather for a city',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          strict: true,
        },
      ],
      toolChoice: { type: 'tool', name: 'get_weather' },
      parallelToolCalls: false,
      maxTokens: 0,
      temperature: 0,
      topP: 0.9,
      frequencyPenalty: 0.5,
      presencePenalty: -0.5,
      stopSequences: ['END', 'STOP'],
      seed: 42,
      user: 'user-1234',
      responseFormat: {
        type: 'json',
        name: 'summary',
        description: 'A summary',
        schema: { type: 'object', properties: { text: { type: 'string' } } },
        strict: true,
      },
      reasoning: { effort: 'low' },
    });
  });

  it('keeps unmodelled top-level fields and other stream options in extras', () => {
    expect(request.extras).toEqual({
      openai: {
        metadata: { team: 'search' },
        store: false,
        logit_bias: { '50256': -100 },
        service_tier: 'flex',
        prompt_cache_key: 'tenant-7',
        stream_options: { include_obfuscation: false },
      },
    });
  });

  it('reads a string stop, legacy max_tokens (kept in extras), json_object and none effort', () => {
    const parsed = parseRequest({ ...user('hi'), stop: 'END', max_tokens: 5, response_format: { type: 'json_object' }, reasoning_effort: 'none' });
    expect(parsed).toMatchObject({ stopSequences: ['END'], maxTokens: 5, responseFormat: { type: 'json' }, reasoning: { enabled: false } });
    expect(parsed.extras?.openai).toEqual({ max_tokens: 5, reasoning_effort: 'none' });
  });

  it('prefers max_completion_tokens over max_tokens when both are given', () => {
    expect(parseRequest({ ...user('hi'), max_tokens: 5, max_completion_tokens: 9 }).maxTokens).toBe(9);
  });

  it('models efforts beyond high as high and keeps the raw value', () => {
    const parsed = parseRequest({ ...user('hi'), reasoning_effort: 'xhigh' });
    expect(parsed.reasoning).toEqual({ effort: 'high' });
    expect(parsed.extras?.openai?.reasoning_effort).toBe('xhigh');
  });

  it('reads assistant DeepSeek reasoning_content as reasoning and refusals as marked text', () => {
    const parsed = parseRequest({
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: null, reasoning_content: 'thinking', refusal: 'I cannot help with that.' },
      ],
    });
    expect(parsed.messages[1]?.content).toEqual([
      { type: 'reasoning', text: 'thinking', extras: { openai: { field: 'reasoning_content' } } },
      { type: 'text', text: 'I cannot help with that.', extras: { openai: { refusal: true } } },
    ]);
  });

  it('reads legacy functions, function_call and function results with stable ids', () => {
    const parsed = parseRequest({
      messages: [
        { role: 'user', content: 'weather?' },
        { role: 'assistant', content: null, function_call: { name: 'get_weather', arguments: '{}' } },
        { role: 'function', name: 'get_weather', content: 'sunny' },
      ],
      functions: [{ name: 'get_weather', parameters: { type: 'object' } }],
      function_call: { name: 'get_weather' },
    });
    expect(parsed.tools).toEqual([{ name: 'get_weather', parameters: { type: 'object' } }]);
    expect(parsed.toolChoice).toEqual({ type: 'tool', name: 'get_weather' });
    expect(parsed.messages[1]?.content).toEqual([{ type: 'tool-call', id: 'call_legacy_0', name: 'get_weather', arguments: '{}' }]);
    expect(parsed.messages[2]?.content).toEqual([
      { type: 'tool-result', toolCallId: 'call_legacy_0', toolName: 'get_weather', content: [{ type: 'text', text: 'sunny' }] },
    ]);
  });

  it('reads uploaded file ids as URL sources with file_id in extras', () => {
    const parsed = parseRequest(user([{ type: 'file', file: { file_id: 'file-abc' } }]));
    expect(parsed.messages[0]?.content).toEqual([{ type: 'file', source: { kind: 'url', url: 'file-abc' }, extras: { openai: { file_id: 'file-abc' } } }]);
  });

  it('keeps allowed_tools tool choices in extras', () => {
    const choice = { type: 'allowed_tools', allowed_tools: { mode: 'auto', tools: [{ type: 'function', function: { name: 'f' } }] } };
    const parsed = parseRequest({ ...user('hi'), tool_choice: choice });
    expect(parsed.toolChoice).toBeUndefined();
    expect(parsed.extras?.openai?.tool_choice).toEqual(choice);
  });

  const bad: Array<[string, unknown, string, RegExp]> = [
    ['a non-object body', 'hello', 'body', /expected a JSON object/],
    ['missing messages', { model: 'm' }, 'messages', /expected an array of messages/],
    ['a message that is not an object', { messages: [3] }, 'messages[0]', /message object/],
    ['an unknown role', { messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role', /'system', 'developer', 'user'/],
    ['user content of the wrong type', user(42), 'messages[0].content', /a string or an array of content parts/],
    ['an unknown part type', user([{ type: 'video', url: 'x' }]), 'messages[0].content[0].type', /'text', 'image_url'/],
    ['a text part without text', user([{ type: 'text' }]), 'messages[0].content[0].text', /a string/],
    ['an image without url', user([{ type: 'image_url', image_url: {} }]), 'messages[0].content[0].image_url.url', /URL/],
    [
      'a bad image detail',
      user([{ type: 'image_url', image_url: { url: 'https://x', detail: 'ultra' } }]),
      'messages[0].content[0].image_url.detail',
      /'auto', 'low' or 'high'/,
    ],
    [
      'file_data that is not a data URL',
      user([{ type: 'file', file: { file_data: 'https://x/a.pdf' } }]),
      'messages[0].content[0].file.file_data',
      /base64 data URL/,
    ],
    ['a file with neither data nor id', user([{ type: 'file', file: {} }]), 'messages[0].content[0].file', /file_data or file_id/],
    ['audio without format', user([{ type: 'input_audio', input_audio: { data: 'x' } }]), 'messages[0].content[0].input_audio', /data and a format/],
    ['a tool message without id', { messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].tool_call_id', /earlier tool call/],
    [
      'a tool call without function',
      { messages: [{ role: 'assistant', tool_calls: [{ id: 'c', type: 'function' }] }] },
      'messages[0].tool_calls[0].function',
      /name and arguments/,
    ],
    [
      'tool call arguments as an object',
      { messages: [{ role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: {} } }] }] },
      'messages[0].tool_calls[0].function.arguments',
      /a string/,
    ],
    ['a system message with an image', { messages: [{ role: 'system', content: [{ type: 'image_url' }] }] }, 'messages[0].content[0]', /text part/],
    ['a custom tool', { ...user('x'), tools: [{ type: 'custom', custom: { name: 'c' } }] }, 'tools[0].type', /custom tools are not supported/],
    ['a tool without name', { ...user('x'), tools: [{ type: 'function', function: {} }] }, 'tools[0].function.name', /non-empty string/],
    ['a bad tool_choice', { ...user('x'), tool_choice: 'sometimes' }, 'tool_choice', /'auto', 'none', 'required'/],
    ['a string temperature', { ...user('x'), temperature: '0.5' }, 'temperature', /a number/],
    ['negative max tokens', { ...user('x'), max_completion_tokens: -1 }, 'max_completion_tokens', /non-negative integer/],
    ['a fractional seed', { ...user('x'), seed: 1.5 }, 'seed', /an integer/],
    ['a stop list with a number', { ...user('x'), stop: ['a', 2] }, 'stop[1]', /a string/],
    ['stop as an object', { ...user('x'), stop: {} }, 'stop', /a string or an array/],
    ['a bad response format', { ...user('x'), response_format: { type: 'yaml' } }, 'response_format.type', /'json_schema'/],
    ['json_schema without its spec', { ...user('x'), response_format: { type: 'json_schema' } }, 'response_format.json_schema', /name and schema/],
    ['a non-boolean stream', { ...user('x'), stream: 'yes' }, 'stream', /a boolean/],
    ['include_usage of the wrong type', { ...user('x'), stream_options: { include_usage: 1 } }, 'stream_options.include_usage', /a boolean/],
  ];
  it.each(bad)('rejects %s with invalid_request naming the field', (_name, body, param, message) => {
    const error = rejection(body);
    expect(error.category).toBe('invalid_request');
    expect(error.status).toBe(400);
    expect(error.param).toBe(param);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(`${param}: expected`)).toBe(true);
  });
});
