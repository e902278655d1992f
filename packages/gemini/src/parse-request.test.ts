import type { FluxError } from '@fluxcore/errors';
import type { AssistantMessage, ToolMessage, UserMessage } from '@fluxcore/message';
import { deeplyNested, fluxErrorOf } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';
import { fixtureJson } from './__fixtures__/load.js';
import { gemini } from './adapter.js';

const DEEP = deeplyNested();

const rejection = (body: unknown): FluxError => fluxErrorOf(() => gemini.parseRequest(body, { model: 'gemini-2.5-flash' }));

describe('gemini.parseRequest', () => {
  const request = gemini.parseRequest(fixtureJson('request-full.json'), { model: 'models/gemini-2.5-flash', stream: true });

  it('takes the model and streaming from the URL, without the models/ prefix', () => {
    expect(request.model).toBe('gemini-2.5-flash');
    expect(request.stream).toBe(true);
    expect(gemini.parseRequest({ contents: [{ parts: [{ text: 'hi' }] }] }).stream).toBe(false);
  });

  it('reads systemInstruction as one system message', () => {
    expect(request.messages[0]).toEqual({
      role: 'system',
      content: [
        { type: 'text', text: 'You answer in one sentence.' },
        { type: 'text', text: 'Use metric units.' },
      ],
    });
  });

  it('reads inline images and fileData documents', () => {
    expect((request.messages[1] as UserMessage).content).toEqual([
      { type: 'text', text: 'Describe this chart and the attached report.' },
      { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgoAAAANSUhEUg==' } },
      { type: 'file', source: { kind: 'url', url: 'https://generativelanguage.googleapis.com/v1beta/files/report-7', mediaType: 'application/pdf' } },
    ]);
  });

  it('reads model turns as assistant messages with thoughts, signatures and generated call ids', () => {
    const turn = request.messages[4] as AssistantMessage;
    expect(turn.role).toBe('assistant');
    expect(turn.content[0]).toEqual({ type: 'reasoning', text: 'Checking both cities.' });
    expect(turn.content[1]).toMatchObject({
      type: 'tool-call',
      name: 'get_weather',
      arguments: '{"city":"Oslo"}',
      signature: { family: 'gemini', value: 'c2lnLW9zbG8=' },
    });
    const [first, second] = [turn.content[1], turn.content[2]].map((part) => (part?.type === 'tool-call' ? part.id : ''));
    expect(first).toMatch(/^call_[0-9a-f]{16}$/);
    expect(second).toMatch(/^call_[0-9a-f]{16}$/);
    expect(first).not.toBe(second);
  });

  it('turns functionResponse parts into one tool message, answering calls of the same name in order', () => {
    const calls = (request.messages[4] as AssistantMessage).content.flatMap((part) => (part.type === 'tool-call' ? [part.id] : []));
    const results = request.messages[5] as ToolMessage;
    expect(results.role).toBe('tool');
    expect(results.content.map((part) => part.toolCallId)).toEqual(calls);
    expect(results.content[0]).toMatchObject({ toolName: 'get_weather', content: [{ type: 'text', text: '{"temp_c":4,"sky":"snow"}' }] });
    expect(results.content[0]?.isError).toBeUndefined();
    expect(results.content[1]?.isError).toBe(true);
  });

  it('matches a functionResponse by id when the call had one', () => {
    const parsed = gemini.parseRequest({
      contents: [
        { role: 'model', parts: [{ functionCall: { id: 'a', name: 'f', args: {} } }, { functionCall: { id: 'b', name: 'f', args: {} } }] },
        { role: 'user', parts: [{ functionResponse: { id: 'b', name: 'f', response: {} } }, { functionResponse: { id: 'a', name: 'f', response: {} } }] },
      ],
    });
    expect((parsed.messages[1] as ToolMessage).content.map((part) => part.toolCallId)).toEqual(['b', 'a']);
    expect((parsed.messages[0] as AssistantMessage).content.map((part) => (part.type === 'tool-call' ? part.id : ''))).toEqual(['a', 'b']);
  });

  it('splits a user turn that mixes results and text into tool and user messages, in order', () => {
    const parsed = gemini.parseRequest({
      contents: [
        { role: 'model', parts: [{ functionCall: { name: 'f' } }] },
        { role: 'user', parts: [{ functionResponse: { name: 'f', response: { ok: true } } }, { text: 'and now summarise' }] },
      ],
    });
    expect(parsed.messages.map((message) => message.role)).toEqual(['assistant', 'tool', 'user']);
    expect((parsed.messages[0] as AssistantMessage).content[0]).toMatchObject({ arguments: '{}' });
  });

  it('reads tools, tool choice and every generation setting, 0 included', () => {
    expect(request.tools).toEqual([
      {
        name: 'get_weather',
        description: 'Current weather for a city',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    ]);
    expect(request.toolChoice).toEqual({ type: 'auto' });
    expect(request).toMatchObject({ maxTokens: 0, temperature: 0, topP: 0.9, topK: 32, stopSequences: ['END'], seed: 7 });
    expect(request.responseFormat).toEqual({ type: 'json', schema: { type: 'object', properties: { summary: { type: 'string' } } } });
    expect(request.reasoning).toEqual({ budgetTokens: 2048, includeThoughts: true });
  });

  it('keeps unmodelled fields in extras.gemini', () => {
    expect(request.extras?.gemini).toEqual({
      safetySettings: [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', threshold: 'BLOCK_ONLY_HIGH' }],
      cachedContent: 'cachedContents/weather-prefix',
      tools: [{ googleSearch: {} }],
      generationConfig: { candidateCount: 1 },
    });
  });

  it.each([
    [
      { mode: 'ANY', allowedFunctionNames: ['get_weather'] },
      { type: 'tool', name: 'get_weather' },
    ],
    [{ mode: 'ANY' }, { type: 'required' }],
    [{ mode: 'NONE' }, { type: 'none' }],
  ])('maps functionCallingConfig %j to a tool choice', (functionCallingConfig, choice) => {
    expect(gemini.parseRequest({ contents: [{ parts: [{ text: 'x' }] }], toolConfig: { functionCallingConfig } }).toolChoice).toEqual(choice);
  });

  it('converts OpenAPI-subset parameters to JSON Schema and keeps the original for Gemini', () => {
    const parameters = { type: 'OBJECT', properties: { when: { type: 'STRING', nullable: true }, tags: { type: 'ARRAY', items: { type: 'STRING' } } } };
    const parsed = gemini.parseRequest({ contents: [{ parts: [{ text: 'x' }] }], tools: [{ functionDeclarations: [{ name: 'f', parameters }] }] });
    expect(parsed.tools?.[0]?.parameters).toEqual({
      type: 'object',
      properties: { when: { type: ['string', 'null'] }, tags: { type: 'array', items: { type: 'string' } } },
    });
    expect(parsed.tools?.[0]?.extras).toEqual({ gemini: { parameters } });
  });

  it('maps thinking budget 0 to reasoning off, -1 to dynamic, and thinkingLevel to an effort', () => {
    const parse = (thinkingConfig: object) => gemini.parseRequest({ contents: [{ parts: [{ text: 'x' }] }], generationConfig: { thinkingConfig } });
    expect(parse({ thinkingBudget: 0 }).reasoning).toEqual({ enabled: false });
    expect(parse({ thinkingBudget: -1 }).reasoning).toEqual({ enabled: true });
    expect(parse({ thinkingBudget: -1 }).extras?.gemini).toEqual({ generationConfig: { thinkingConfig: { thinkingBudget: -1 } } });
    expect(parse({ thinkingLevel: 'HIGH' }).reasoning).toEqual({ effort: 'high' });
  });

  it('accepts the snake_case spelling of Google REST examples', () => {
    const parsed = gemini.parseRequest({
      system_instruction: { parts: [{ text: 'be brief' }] },
      contents: [{ role: 'user', parts: [{ inline_data: { mime_type: 'image/jpeg', data: 'AAAA' } }] }],
      generation_config: { max_output_tokens: 64, stop_sequences: ['x'] },
    });
    expect(parsed.messages[0]).toEqual({ role: 'system', content: [{ type: 'text', text: 'be brief' }] });
    expect(parsed.messages[1]).toEqual({ role: 'user', content: [{ type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: 'AAAA' } }] });
    expect(parsed).toMatchObject({ maxTokens: 64, stopSequences: ['x'] });
  });

  it.each([
    ['functionCall args', { role: 'model', parts: [{ functionCall: { name: 'f', args: { a: DEEP } } }] }, 'contents[0].parts[0].functionCall.args'],
    [
      'a functionResponse',
      { role: 'user', parts: [{ functionResponse: { name: 'f', response: { a: DEEP } } }] },
      'contents[0].parts[0].functionResponse.response',
    ],
  ])('rejects %s nested deeper than JSON.stringify can write, naming the field', (_name, content, param) => {
    expect(rejection({ contents: [content] })).toMatchObject({ category: 'invalid_request', param, message: `${param}: expected JSON nested less deeply` });
  });

  it('keeps parts the IR cannot express with their position', () => {
    const code = { executableCode: { language: 'PYTHON', code: 'print(1)' } };
    const parsed = gemini.parseRequest({ contents: [{ role: 'model', parts: [{ text: 'a' }, code, { text: 'b' }] }] });
    expect(parsed.messages[0]?.extras).toEqual({ gemini: { unmodelledParts: [{ before: 1, part: code }] } });
  });

  it.each([
    [null, 'body'],
    [{}, 'contents'],
    [{ contents: [] }, 'contents'],
    [{ contents: ['hi'] }, 'contents[0]'],
    [{ contents: [{ role: 'assistant', parts: [{ text: 'x' }] }] }, 'contents[0].role'],
    [{ contents: [{ parts: 'hi' }] }, 'contents[0].parts'],
    [{ contents: [{ parts: [{ text: 5 }] }] }, 'contents[0].parts[0].text'],
    [{ contents: [{ parts: [{ inlineData: { data: 'AA' } }] }] }, 'contents[0].parts[0].inlineData.mimeType'],
    [{ contents: [{ role: 'model', parts: [{ functionCall: { args: {} } }] }] }, 'contents[0].parts[0].functionCall.name'],
    [{ contents: [{ parts: [{ functionResponse: { response: {} } }] }] }, 'contents[0].parts[0].functionResponse.name'],
    [{ contents: [{ parts: [{ text: 'x' }] }], generationConfig: { maxOutputTokens: 'many' } }, 'generationConfig.maxOutputTokens'],
    [{ contents: [{ parts: [{ text: 'x' }] }], generationConfig: { temperature: '0.3' } }, 'generationConfig.temperature'],
    [{ contents: [{ parts: [{ text: 'x' }] }], generationConfig: { stopSequences: ['a', 1] } }, 'generationConfig.stopSequences[1]'],
    [{ contents: [{ parts: [{ text: 'x' }] }], toolConfig: { functionCallingConfig: { mode: 'SOMETIMES' } } }, 'toolConfig.functionCallingConfig.mode'],
    [{ contents: [{ parts: [{ text: 'x' }] }], tools: [{ functionDeclarations: [{ description: 'no name' }] }] }, 'tools[0].functionDeclarations[0].name'],
    [{ contents: [{ parts: [{ text: 'x' }] }], systemInstruction: { parts: [{ inlineData: {} }] } }, 'systemInstruction.parts[0]'],
    [
      { contents: [{ parts: [{ text: 'x' }] }], generationConfig: { thinkingConfig: { thinkingLevel: 'EXTREME' } } },
      'generationConfig.thinkingConfig.thinkingLevel',
    ],
  ])('rejects %j naming %s', (body, param) => {
    const error = rejection(body);
    expect(error.category).toBe('invalid_request');
    expect(error.param).toBe(param);
    expect(error.message).toMatch(new RegExp(`^${param.replace(/[.[\]]/g, '\\$&')}: expected `));
  });
});
