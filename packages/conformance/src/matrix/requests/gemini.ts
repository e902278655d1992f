import { ANSWER_SCHEMA, CLIENT_SIGNATURES, IMAGE_URL, PDF_BASE64, PNG_BASE64, type RequestBook } from './book.js';
import { TIME_TOOL, WEATHER_TOOL, type ToolSpec } from './tools.js';

const tool = ({ name, description, schema }: ToolSpec) => ({ name, description, parametersJsonSchema: schema });
const WEATHER = tool(WEATHER_TOOL);
const TIME = tool(TIME_TOOL);

const user = (text: string) => ({ role: 'user', parts: [{ text }] });

/**
 * Gemini generateContent client requests, one per scenario. The model and streaming are in the
 * URL (see `protocols.ts`), and calls carry no ids, as Gemini clients send them.
 */
export const geminiRequests: RequestBook = {
  text: { contents: [user('Hello!')] },
  'system-multi-turn': {
    systemInstruction: { parts: [{ text: 'You are a terse geography tutor.' }] },
    contents: [user('What is the capital of Italy?'), { role: 'model', parts: [{ text: 'Rome.' }] }, user('And of France?')],
  },
  'tool-call': {
    contents: [user('What is the weather in Paris?')],
    tools: [{ functionDeclarations: [WEATHER] }],
    toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] } },
  },
  'parallel-tool-calls': {
    contents: [user('Weather and time in Paris?')],
    tools: [{ functionDeclarations: [WEATHER, TIME] }],
    toolConfig: { functionCallingConfig: { mode: 'ANY' } },
  },
  'tool-results': {
    contents: [
      user('Weather and time in Paris?'),
      {
        role: 'model',
        parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } } }, { functionCall: { name: 'get_time', args: { timezone: 'Europe/Paris' } } }],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'get_weather', response: { temperature: 21, unit: 'celsius' } } },
          { functionResponse: { name: 'get_time', response: { time: '14:05' } } },
        ],
      },
    ],
    tools: [{ functionDeclarations: [WEATHER, TIME] }],
    toolConfig: { functionCallingConfig: { mode: 'AUTO' } },
  },
  'tool-choice-none': {
    contents: [user('Just say hi, no tools.')],
    tools: [{ functionDeclarations: [WEATHER] }],
    toolConfig: { functionCallingConfig: { mode: 'NONE' } },
  },
  reasoning: {
    contents: [
      user('Is 1021 prime?'),
      {
        role: 'model',
        parts: [{ text: 'Check divisors up to 31.', thought: true, thoughtSignature: CLIENT_SIGNATURES.gemini }, { text: 'Yes, 1021 is prime.' }],
      },
      user('Hi again.'),
    ],
    generationConfig: { maxOutputTokens: 16000, thinkingConfig: { thinkingBudget: 4096, includeThoughts: true } },
  },
  'image-base64': {
    contents: [{ role: 'user', parts: [{ text: 'What is in this image?' }, { inlineData: { mimeType: 'image/png', data: PNG_BASE64 } }] }],
  },
  'image-url': {
    contents: [{ role: 'user', parts: [{ text: 'Describe this photo.' }, { fileData: { mimeType: 'image/jpeg', fileUri: IMAGE_URL } }] }],
  },
  pdf: {
    contents: [{ role: 'user', parts: [{ text: 'Summarize this document.' }, { inlineData: { mimeType: 'application/pdf', data: PDF_BASE64 } }] }],
  },
  length: { contents: [user('Tell me a long story.')], generationConfig: { maxOutputTokens: 5 } },
  'content-filter': { contents: [user('Explain how to pick a lock.')] },
  'cached-usage': {
    systemInstruction: { parts: [{ text: 'You are the ACME support agent. Policy: be kind, be exact.' }] },
    contents: [user('Where is my order?')],
  },
  'no-usage': { contents: [user('Hi')] },
  'stop-sequence': { contents: [user('Count to ten.')], generationConfig: { stopSequences: ['four', '###'] } },
  sampling: {
    contents: [user('Pick a number.')],
    generationConfig: { temperature: 0, topP: 0.5, topK: 40, maxOutputTokens: 0, seed: 7 },
  },
  'json-mode': {
    contents: [user('Answer as JSON: what is 6*7?')],
    generationConfig: { responseMimeType: 'application/json', responseJsonSchema: ANSWER_SCHEMA },
  },
};
