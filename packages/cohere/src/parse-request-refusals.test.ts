import type { ProtocolAdapter } from '@fluxcore/message';
import { deeplyNested, fluxErrorOf } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';
import { cohere, cohereV1 } from './index.js';

/** A body each version's parseRequest refuses, the field it names and what its message says. */
type Refusal = [body: unknown, param: string, expected: string];
/** A body holding a value nested deeper than JSON.stringify can write, and the field that holds it. */
type TooDeep = [name: string, body: () => unknown, param: string];

const V1_REFUSALS: Refusal[] = [
  [{}, 'message', 'expected a string (the current user turn)'],
  [{ message: 'x', chat_history: {} }, 'chat_history', 'expected an array'],
  [{ message: 'x', chat_history: [{ role: 'BOT', message: 'y' }] }, 'chat_history[0].role', 'expected "USER", "CHATBOT", "SYSTEM" or "TOOL"'],
  [{ message: 'x', chat_history: [{ role: 'USER', message: 5 }] }, 'chat_history[0].message', 'expected a string'],
  [{ message: 'x', chat_history: [{ role: 'TOOL' }] }, 'chat_history[0].tool_results', 'expected an array'],
  [{ message: '', tool_results: [{ call: { parameters: {} }, outputs: [] }] }, 'tool_results[0].call.name', 'expected a string'],
  [{ message: '', tool_results: [{ call: { name: 'f' }, outputs: ['text'] }] }, 'tool_results[0].outputs[0]', 'expected an object'],
  [{ message: 'x', tools: [{ description: 'd' }] }, 'tools[0].name', 'expected a non-empty string'],
  [{ message: 'x', tools: [{ name: 'f', parameter_definitions: [] }] }, 'tools[0].parameter_definitions', 'expected an object'],
  [{ message: 'x', p: '0.5' }, 'p', 'expected a number'],
];

const V1_TOO_DEEP: TooDeep[] = [
  [
    'tool result call parameters',
    () => ({ message: '', tool_results: [{ call: { name: 'f', parameters: { a: deeplyNested() } }, outputs: [] }] }),
    'tool_results[0].call.parameters',
  ],
  ['a tool result output', () => ({ message: '', tool_results: [{ call: { name: 'f' }, outputs: [{ a: deeplyNested() }] }] }), 'tool_results[0].outputs[0]'],
  [
    'history tool call parameters',
    () => ({ message: 'x', chat_history: [{ role: 'CHATBOT', message: '', tool_calls: [{ name: 'f', parameters: { a: deeplyNested() } }] }] }),
    'chat_history[0].tool_calls[0].parameters',
  ],
];

const V2_REFUSALS: Refusal[] = [
  [{}, 'messages', 'expected an array'],
  ['text', 'body', 'expected an object'],
  [{ messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role', 'expected "system", "user", "assistant" or "tool"'],
  [{ messages: [{ role: 'user', content: 3 }] }, 'messages[0].content', 'expected a string or an array of content parts'],
  [{ messages: [{ role: 'user', content: [{ type: 'audio' }] }] }, 'messages[0].content[0].type', 'expected "text" or "image_url"'],
  [{ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: {} }] }] }, 'messages[0].content[0].image_url.url', 'expected a string'],
  [{ messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].tool_call_id', 'expected a string'],
  [{ messages: [{ role: 'assistant', tool_calls: [{ id: 'a', function: {} }] }] }, 'messages[0].tool_calls[0].function.name', 'expected a string'],
  [{ messages: [], tool_choice: 'ANY' }, 'tool_choice', 'expected "REQUIRED" or "NONE"'],
  [{ messages: [], temperature: 'hot' }, 'temperature', 'expected a number'],
  [{ messages: [], stop_sequences: [1] }, 'stop_sequences[0]', 'expected a string'],
  [{ messages: [], tools: [{ type: 'function', function: { name: '' } }] }, 'tools[0].function.name', 'expected a non-empty string'],
  [{ messages: [], response_format: { type: 'xml' } }, 'response_format.type', 'expected "text" or "json_object"'],
  [{ messages: [], thinking: { type: 'maybe' } }, 'thinking.type', 'expected "enabled" or "disabled"'],
];

const V2_TOO_DEEP: TooDeep[] = [
  [
    'tool call arguments',
    () => ({ messages: [{ role: 'assistant', tool_calls: [{ id: 'a', function: { name: 'f', arguments: { a: deeplyNested() } } }] }] }),
    'messages[0].tool_calls[0].function.arguments',
  ],
  [
    'a tool result document',
    () => ({ messages: [{ role: 'tool', tool_call_id: 'a', content: [{ type: 'document', document: { data: { a: deeplyNested() } } }] }] }),
    'messages[0].content[0].document.data',
  ],
];

describe.each([
  { version: 'v1', adapter: cohereV1 as ProtocolAdapter, refusals: V1_REFUSALS, tooDeep: V1_TOO_DEEP },
  { version: 'v2', adapter: cohere as ProtocolAdapter, refusals: V2_REFUSALS, tooDeep: V2_TOO_DEEP },
])('cohere $version parseRequest refusals', ({ adapter, refusals, tooDeep }) => {
  it.each(refusals)('rejects %j naming %s', (body, param, expected) => {
    const error = fluxErrorOf(() => adapter.parseRequest(body));
    expect(error.category).toBe('invalid_request');
    expect(error.param).toBe(param);
    expect(error.message).toContain(expected);
  });

  it.each(tooDeep)('rejects %s nested deeper than JSON.stringify can write, naming the field', (_name, body, param) => {
    expect(fluxErrorOf(() => adapter.parseRequest(body()))).toMatchObject({
      category: 'invalid_request',
      param,
      message: `${param}: expected JSON nested less deeply`,
    });
  });
});
