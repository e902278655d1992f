import { FluxError } from '@fluxcore/errors';
import type { ChatRequest, UpstreamTarget } from '@fluxcore/message';
import { describe, expect, it } from 'vitest';
import { fixtureJson } from '../__fixtures__/load.js';
import { cohere } from './adapter.js';

const target: UpstreamTarget = { baseURL: 'https://api.cohere.com/', apiKey: 'co-test-key', model: 'command-a-03-2025', stream: false };

function wireBody(request: ChatRequest, overrides: Partial<UpstreamTarget> = {}): Record<string, unknown> {
  return JSON.parse(cohere.buildRequest(request, { ...target, ...overrides }).body) as Record<string, unknown>;
}

/** The wire body of a non-streamed request made of these messages. */
const bodyOf = (...messages: ChatRequest['messages']) => wireBody({ stream: false, messages });

describe('cohere v2 buildRequest', () => {
  it('posts to /v2/chat with Bearer auth and never doubles slashes or the version', () => {
    const built = cohere.buildRequest({ messages: [], stream: false }, target);
    expect(built.url).toBe('https://api.cohere.com/v2/chat');
    expect(built.method).toBe('POST');
    expect(built.headers).toMatchObject({ authorization: 'Bearer co-test-key', 'content-type': 'application/json', accept: 'application/json' });
    expect(cohere.buildRequest({ messages: [], stream: false }, { ...target, baseURL: 'https://proxy.test/cohere/v2/' }).url).toBe(
      'https://proxy.test/cohere/v2/chat',
    );
  });

  it('asks for SSE when streaming and lets the key headers win', () => {
    const built = cohere.buildRequest(
      { messages: [], stream: true },
      { ...target, stream: true, headers: { 'X-Client-Name': 'fluxcore', Accept: 'text/event-stream' } },
    );
    expect(built.headers['x-client-name']).toBe('fluxcore');
    expect(built.headers.accept).toBe('text/event-stream');
    expect(JSON.parse(built.body)).toMatchObject({ stream: true, model: 'command-a-03-2025' });
  });

  it('round-trips a full Cohere request with nothing lost', () => {
    const original = fixtureJson('v2/request-full.json') as Record<string, unknown>;
    const rebuilt = wireBody(cohere.parseRequest(original));
    expect(rebuilt).toEqual(original);
  });

  it('sends a named tool choice as REQUIRED with only that tool', () => {
    const body = wireBody({
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      stream: false,
      tools: [
        { name: 'a', parameters: { type: 'object' } },
        { name: 'b', parameters: { type: 'object' } },
      ],
      toolChoice: { type: 'tool', name: 'b' },
      parallelToolCalls: false,
    });
    expect(body.tool_choice).toBe('REQUIRED');
    expect(body.tools).toEqual([{ type: 'function', function: { name: 'b', parameters: { type: 'object' } } }]);
  });

  it('omits tool_choice for auto and sends NONE for none', () => {
    const base: ChatRequest = { messages: [], stream: false, tools: [{ name: 'a', parameters: { type: 'object' } }] };
    expect(wireBody({ ...base, toolChoice: { type: 'auto' } }).tool_choice).toBeUndefined();
    expect(wireBody({ ...base, toolChoice: { type: 'none' } }).tool_choice).toBe('NONE');
  });

  it('sends text of an assistant turn with tool calls as the tool plan, and empty arguments as {}', () => {
    const body = bodyOf({
      role: 'assistant',
      content: [
        { type: 'text', text: 'Let me check.' },
        { type: 'tool-call', id: 'call_1', name: 'now', arguments: '' },
      ],
    });
    expect(body.messages).toEqual([
      { role: 'assistant', tool_plan: 'Let me check.', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'now', arguments: '{}' } }] },
    ]);
  });

  it('sends reasoning text as thinking whatever its signature, and drops redacted reasoning', () => {
    const body = bodyOf({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'hmm', signature: { family: 'anthropic', value: 'sig' } },
        { type: 'reasoning', text: '', redacted: { family: 'anthropic', value: 'opaque' } },
        { type: 'text', text: 'ok' },
      ],
    });
    expect(body.messages).toEqual([
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'hmm' },
          { type: 'text', text: 'ok' },
        ],
      },
    ]);
    expect(JSON.stringify(body)).not.toContain('sig');
  });

  it('sends each tool result as its own tool message; images and the error flag cannot be expressed', () => {
    const body = bodyOf({
      role: 'tool',
      content: [
        { type: 'tool-result', toolCallId: 'a', content: [{ type: 'text', text: 'one' }], isError: true },
        {
          type: 'tool-result',
          toolCallId: 'b',
          content: [
            { type: 'text', text: 'two' },
            { type: 'image', source: { kind: 'url', url: 'https://x/y.png' } },
          ],
        },
      ],
    });
    expect(body.messages).toEqual([
      { role: 'tool', tool_call_id: 'a', content: 'one' },
      { role: 'tool', tool_call_id: 'b', content: 'two' },
    ]);
  });

  it('turns text files into top-level documents and refuses PDFs with the field named', () => {
    const text = Buffer.from('tide tables').toString('base64');
    const body = bodyOf({
      role: 'user',
      content: [
        { type: 'text', text: 'read' },
        { type: 'file', source: { kind: 'base64', data: text, mediaType: 'text/plain' }, filename: 'tides.txt' },
      ],
    });
    expect(body.documents).toEqual([{ data: { text: 'tide tables', title: 'tides.txt' } }]);
    expect(body.messages).toEqual([{ role: 'user', content: 'read' }]);
    const pdf: ChatRequest = {
      stream: false,
      messages: [{ role: 'user', content: [{ type: 'file', source: { kind: 'base64', data: 'JVBE', mediaType: 'application/pdf' } }] }],
    };
    expect(() => cohere.buildRequest(pdf, target)).toThrowError(FluxError);
    expect(() => cohere.buildRequest(pdf, target)).toThrow('messages[0].content[0]: Cohere accepts only text documents (got application/pdf)');
  });

  it('maps reasoning effort to a token budget and keeps 0-valued sampling fields', () => {
    const body = wireBody({ messages: [], stream: false, reasoning: { effort: 'medium' }, temperature: 0, topK: 0, maxTokens: 0, seed: 0 });
    expect(body).toMatchObject({ thinking: { type: 'enabled', token_budget: 4096 }, temperature: 0, k: 0, max_tokens: 0, seed: 0 });
  });

  it('writes back only its own extras', () => {
    const body = wireBody({ messages: [], stream: false, extras: { openai: { logit_bias: {} }, cohere: { safety_mode: 'OFF' } } });
    expect(body.safety_mode).toBe('OFF');
    expect(body).not.toHaveProperty('logit_bias');
  });

  it('passes a same-protocol body through unchanged except model and stream', () => {
    const original = { model: 'client-model', messages: [{ role: 'user', content: 'hi' }], priority: 3, stream: false };
    const built = cohere.buildPassthroughRequest(original, { ...target, stream: true });
    expect(JSON.parse(built.body)).toEqual({ ...original, model: 'command-a-03-2025', stream: true });
    expect(built.url).toBe('https://api.cohere.com/v2/chat');
  });
});
