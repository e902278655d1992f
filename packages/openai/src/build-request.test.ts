import { FluxError } from '@fluxcore/errors';
import type { ChatRequest, JsonObject, UpstreamTarget } from '@fluxcore/message';
import { describe, expect, it } from 'vitest';
import { fixtureJson } from './__fixtures__/load.js';
import { openai } from './index.js';

const OPENAI = 'https://api.openai.com';
const target = (extra: Partial<UpstreamTarget> = {}): UpstreamTarget => ({ baseURL: OPENAI, apiKey: 'sk-x', model: 'gpt-4.1-mini', stream: false, ...extra });
const body = (request: ChatRequest, extra: Partial<UpstreamTarget> = {}): JsonObject =>
  JSON.parse(openai.buildRequest(request, target(extra)).body) as JsonObject;
const ask = (messages: ChatRequest['messages'], extra: Partial<ChatRequest> = {}): ChatRequest => ({ messages, stream: false, ...extra });
const hi: ChatRequest['messages'] = [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }];

describe('same-protocol round trip', () => {
  it('parse then build gives back the client body, unknown fields included', () => {
    const client = fixtureJson('request-full.json');
    const rebuilt = body(openai.parseRequest(client), { stream: true });
    expect(rebuilt).toEqual(client);
  });

  it('writes back legacy max_tokens, raw efforts and the developer role', () => {
    const client: JsonObject = {
      model: 'gpt-4.1-mini',
      messages: [
        { role: 'developer', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
      ],
      max_tokens: 7,
      reasoning_effort: 'xhigh',
    };
    expect(body(openai.parseRequest(client))).toEqual(client);
  });

  it('writes back a reasoning effort the IR does not know', () => {
    const client: JsonObject = { model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'hi' }], reasoning_effort: 'ultra' };
    expect(body(openai.parseRequest(client))).toEqual(client);
  });

  it('writes DeepSeek reasoning_content back only when it came from that field', () => {
    const client: JsonObject = {
      model: 'deepseek-chat',
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: 'a', reasoning_content: 'thought' },
      ],
    };
    expect(body(openai.parseRequest(client), { model: 'deepseek-chat', baseURL: 'https://api.deepseek.com' })).toEqual(client);
  });
});

describe('buildRequest from other protocols', () => {
  it('sends max_completion_tokens to OpenAI and max_tokens to compatible services, 0 included', () => {
    const request = ask(hi, { maxTokens: 0 });
    expect(body(request)).toMatchObject({ max_completion_tokens: 0 });
    expect(body(request)).not.toHaveProperty('max_tokens');
    expect(body(request, { baseURL: 'https://api.deepseek.com' })).toMatchObject({ max_tokens: 0 });
  });

  it.each(['http://constructor:8080/v1', 'http://__proto__:8080/v1'])('treats a host named like an Object member (%s) as a compatible service', (baseURL) => {
    expect(body(ask(hi, { maxTokens: 7 }), { baseURL, stream: true })).toEqual({
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: 'hi' }],
      max_tokens: 7,
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('uses the endpoint model, and writes every sampling field given, 0 as a value', () => {
    const request = ask(hi, {
      model: 'client-model',
      temperature: 0,
      topP: 0,
      frequencyPenalty: 0,
      presencePenalty: 0,
      seed: 0,
      stopSequences: ['x'],
      user: 'u',
    });
    expect(body(request)).toEqual({
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: 'hi' }],
      temperature: 0,
      top_p: 0,
      frequency_penalty: 0,
      presence_penalty: 0,
      seed: 0,
      stop: ['x'],
      user: 'u',
    });
  });

  it('drops top_k, which Chat Completions does not take', () => {
    expect(body(ask(hi, { topK: 40 }))).not.toHaveProperty('top_k');
  });

  it('asks for usage when streaming, except from services that reject stream_options', () => {
    expect(body(ask(hi), { stream: true })).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    const mistral = body(ask(hi), { stream: true, baseURL: 'https://api.mistral.ai' });
    expect(mistral.stream).toBe(true);
    expect(mistral).not.toHaveProperty('stream_options');
  });

  it('maps tool choices, and sends tool_choice and parallel_tool_calls only with tools', () => {
    const tools = [{ name: 'f', parameters: { type: 'object' } }];
    expect(body(ask(hi, { tools, toolChoice: { type: 'tool', name: 'f' }, parallelToolCalls: false }))).toMatchObject({
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
      tool_choice: { type: 'function', function: { name: 'f' } },
      parallel_tool_calls: false,
    });
    expect(body(ask(hi, { tools, toolChoice: { type: 'required' } }))).toMatchObject({ tool_choice: 'required' });
    expect(body(ask(hi, { parallelToolCalls: false, toolChoice: { type: 'none' } }))).not.toHaveProperty('parallel_tool_calls');
    expect(body(ask(hi, { toolChoice: { type: 'none' } }))).not.toHaveProperty('tool_choice');
    expect(body(ask(hi, { tools: [] }))).not.toHaveProperty('tools');
  });

  it('maps a json response format with and without schema', () => {
    expect(body(ask(hi, { responseFormat: { type: 'json' } }))).toMatchObject({ response_format: { type: 'json_object' } });
    expect(body(ask(hi, { responseFormat: { type: 'json', schema: { type: 'object' } } }))).toMatchObject({
      response_format: { type: 'json_schema', json_schema: { name: 'response', schema: { type: 'object' } } },
    });
  });

  it('maps a thinking budget to an effort and sends nothing when reasoning is off', () => {
    expect(body(ask(hi, { reasoning: { budgetTokens: 1024 } })).reasoning_effort).toBe('low');
    expect(body(ask(hi, { reasoning: { budgetTokens: 3000 } })).reasoning_effort).toBe('medium');
    expect(body(ask(hi, { reasoning: { budgetTokens: 20000 } })).reasoning_effort).toBe('high');
    expect(body(ask(hi, { reasoning: { enabled: false } }))).not.toHaveProperty('reasoning_effort');
  });

  it('drops reasoning from other families and every signature, keeping text and tool calls', () => {
    const built = body(
      ask([
        ...hi,
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'hidden', signature: { family: 'anthropic', value: 'sig' } },
            { type: 'text', text: 'ok' },
            { type: 'tool-call', id: 't1', name: 'f', arguments: '{}', signature: { family: 'gemini', value: 'g' } },
          ],
        },
      ]),
    );
    expect(built.messages).toEqual([
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'ok', tool_calls: [{ id: 't1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
    ]);
  });

  it('sends a system message as system, never developer, without the marker', () => {
    expect(body(ask([{ role: 'system', content: [{ type: 'text', text: 's' }] }, ...hi])).messages).toEqual([
      { role: 'system', content: 's' },
      { role: 'user', content: 'hi' },
    ]);
  });

  it('splits tool results into one tool message each and moves their images into a user message', () => {
    const built = body(
      ask([
        {
          role: 'tool',
          content: [
            { type: 'tool-result', toolCallId: 'a', toolName: 'f', content: [{ type: 'text', text: 'one' }], isError: true },
            { type: 'tool-result', toolCallId: 'b', content: [{ type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAA' } }] },
          ],
        },
      ]),
    );
    expect(built.messages).toEqual([
      { role: 'tool', tool_call_id: 'a', content: 'one' },
      { role: 'tool', tool_call_id: 'b', content: '' },
      { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAA' } }] },
    ]);
  });

  it('sends base64 PDFs as file parts and wav/mp3 as input_audio', () => {
    const built = body(
      ask([
        {
          role: 'user',
          content: [
            { type: 'file', filename: 'a.pdf', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBE' } },
            { type: 'file', source: { kind: 'base64', mediaType: 'audio/mpeg', data: 'SUQz' } },
            { type: 'image', source: { kind: 'url', url: 'https://x/cat.png' }, detail: 'low' },
          ],
        },
      ]),
    );
    expect(built.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'file', file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBE' } },
          { type: 'input_audio', input_audio: { data: 'SUQz', format: 'mp3' } },
          { type: 'image_url', image_url: { url: 'https://x/cat.png', detail: 'low' } },
        ],
      },
    ]);
  });

  it.each(['constructor', '__proto__'])('sends a file whose media type is named like an Object member (%s) as a file, not as input_audio', (mediaType) => {
    const built = body(ask([{ role: 'user', content: [{ type: 'file', source: { kind: 'base64', mediaType, data: 'SUQz' } }] }]));
    expect(built.messages).toEqual([{ role: 'user', content: [{ type: 'file', file: { file_data: `data:${mediaType};base64,SUQz` } }] }]);
  });

  it('rejects a document given by URL, which Chat Completions cannot take', () => {
    const request = ask([{ role: 'user', content: [{ type: 'file', source: { kind: 'url', url: 'https://x/a.pdf', mediaType: 'application/pdf' } }] }]);
    const error = (() => {
      try {
        openai.buildRequest(request, target());
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(FluxError);
    expect(error).toMatchObject({ category: 'invalid_request', param: 'messages[0].content[0]' });
  });

  it('ignores extras of other protocols', () => {
    expect(body(ask(hi, { extras: { anthropic: { metadata: { user_id: 'x' } } } }))).not.toHaveProperty('metadata');
  });
});

describe('buildPassthroughRequest', () => {
  const client: JsonObject = {
    model: 'client',
    messages: [{ role: 'user', content: 'hi' }],
    logit_bias: { '1': 2 },
    stream: true,
    stream_options: { include_obfuscation: false },
  };

  it('forwards the body unchanged but for the model and usage on streams', () => {
    const built = openai.buildPassthroughRequest(client, target({ stream: true }));
    expect(built.url).toBe('https://api.openai.com/v1/chat/completions');
    expect(JSON.parse(built.body)).toEqual({ ...client, model: 'gpt-4.1-mini', stream_options: { include_obfuscation: false, include_usage: true } });
    expect(client.model).toBe('client');
  });

  it('removes streaming when the attempt does not stream', () => {
    expect(JSON.parse(openai.buildPassthroughRequest(client, target()).body)).toEqual({
      model: 'gpt-4.1-mini',
      messages: client.messages,
      logit_bias: { '1': 2 },
    });
  });
});

describe('strict compatible services', () => {
  const mistral = { baseURL: 'https://api.mistral.ai', model: 'mistral-small-latest' };

  it('sends Mistral random_seed, no user, no message names and no stream_options', () => {
    const request = ask([{ role: 'user', name: 'ada', content: [{ type: 'text', text: 'hi' }] }], { seed: 3, user: 'u1', maxTokens: 10 });
    expect(body(request, { ...mistral, stream: true })).toEqual({
      model: 'mistral-small-latest',
      messages: [{ role: 'user', content: 'hi' }],
      random_seed: 3,
      max_tokens: 10,
      stream: true,
    });
  });

  it('applies the same rewrite to a passthrough body without touching the client body', () => {
    const client: JsonObject = { model: 'x', messages: [{ role: 'user', name: 'ada', content: 'hi' }], seed: 1, user: 'u' };
    const built = JSON.parse(openai.buildPassthroughRequest(client, target(mistral)).body);
    expect(built).toEqual({ model: 'mistral-small-latest', messages: [{ role: 'user', content: 'hi' }], random_seed: 1 });
    expect(client).toEqual({ model: 'x', messages: [{ role: 'user', name: 'ada', content: 'hi' }], seed: 1, user: 'u' });
  });
});
