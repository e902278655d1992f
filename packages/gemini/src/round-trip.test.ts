import type { JsonObject } from '@fluxcore/message';
import { describe, expect, it } from 'vitest';
import { fixtureJson } from './__fixtures__/load.js';
import { gemini } from './adapter.js';

const target = { baseURL: 'https://generativelanguage.googleapis.com', apiKey: 'k-000000', model: 'gemini-2.5-flash', stream: false };
const context = { request: { model: 'gemini-2.5-flash', messages: [], stream: false } };

function throughIr(body: JsonObject): JsonObject {
  return JSON.parse(gemini.buildRequest(gemini.parseRequest(body, { model: 'gemini-2.5-flash' }), target).body) as JsonObject;
}

describe('a Gemini-to-Gemini trip through the IR', () => {
  it('rebuilds the full request fixture, unknown fields included', () => {
    const original = fixtureJson('request-full.json');
    const rebuilt = throughIr(original);
    const tools = original.tools as JsonObject[];
    expect(rebuilt).toEqual({ ...original, tools });
  });

  it('keeps ids, part leftovers, OpenAPI schemas, unmodelled parts and odd tool modes', () => {
    const original: JsonObject = {
      systemInstruction: { role: 'system', parts: [{ text: 's' }] },
      contents: [
        {
          role: 'user',
          parts: [
            { text: 'look', videoMetadata: { startOffset: '1s' } },
            { fileData: { mimeType: 'video/mp4', fileUri: 'https://youtu.be/x', displayName: 'clip' } },
          ],
        },
        {
          role: 'model',
          parts: [
            { executableCode: { language: 'PYTHON', code: 'print(2)' } },
            { functionCall: { id: 'fc-1', name: 'f', args: { a: [1, { b: null }] } }, thoughtSignature: 'sig' },
            { text: 'done', thoughtSignature: 'sig-2' },
          ],
        },
        { role: 'user', parts: [{ functionResponse: { id: 'fc-1', name: 'f', response: { output: 'ok' }, willContinue: false } }] },
      ],
      tools: [
        { functionDeclarations: [{ name: 'f', parameters: { type: 'OBJECT', properties: { a: { type: 'ARRAY' } } }, behavior: 'NON_BLOCKING' }] },
        { codeExecution: {} },
      ],
      toolConfig: { functionCallingConfig: { mode: 'VALIDATED' }, retrievalConfig: { languageCode: 'nb' } },
      generationConfig: {
        responseMimeType: 'text/x.enum',
        responseSchema: { type: 'STRING', enum: ['a', 'b'] },
        thinkingConfig: { thinkingBudget: -1 },
        responseModalities: ['TEXT'],
      },
      serviceTier: 'flex',
    };
    expect(throughIr(original)).toEqual(original);
  });

  it('keeps allowedFunctionNames with several names', () => {
    const original: JsonObject = {
      contents: [{ role: 'user', parts: [{ text: 'q' }] }],
      toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['a', 'b'] } },
    };
    expect(throughIr(original)).toEqual(original);
  });

  it.each(['response-parallel-calls.json', 'response-text.json', 'response-blocked.json'])('formats %s back exactly (with our call ids added)', (name) => {
    const original = fixtureJson(name);
    const formatted = gemini.formatResponse(gemini.parseResponse(original), context);
    const stripIds = (value: JsonObject) =>
      JSON.parse(
        JSON.stringify(value)
          .replace(/,?"id":"call_[0-9a-f]{16}"/g, '')
          .replace(/\{,/g, '{'),
      ) as JsonObject;
    expect(stripIds(formatted)).toEqual(original);
  });
});
