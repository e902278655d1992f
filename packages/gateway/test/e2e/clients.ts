import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { CohereClient, CohereClientV2 } from 'cohere-ai';
import OpenAI from 'openai';

/** What every client reports back, whatever its protocol. */
export interface TextAnswer {
  text: string;
}

/** A tool call as every client reports it: the name and the parsed arguments. */
export interface ToolAnswer {
  name: string;
  args: unknown;
}

/** One official SDK, driven the way its own documentation shows. */
export interface SdkClient {
  readonly protocol: string;
  text(model: string, stream: boolean): Promise<TextAnswer>;
  tool(model: string, stream: boolean): Promise<ToolAnswer>;
}

export const QUESTION = 'What is the weather in Paris?';
const WEATHER_PARAMS = { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] };

/** The five clients (Cohere's SDK serves both Chat v2 and the older v1), against one gateway. */
export function sdkClients(url: string, key: string): SdkClient[] {
  return [openaiClient(url, key), anthropicClient(url, key), geminiClient(url, key), cohereClient(url, key), cohereV1Client(url, key)];
}

export function openaiClient(url: string, key: string): SdkClient & { sdk: OpenAI } {
  const sdk = new OpenAI({ apiKey: key, baseURL: `${url}/v1`, maxRetries: 0 });
  const tools = [{ type: 'function' as const, function: { name: 'get_weather', parameters: WEATHER_PARAMS } }];
  const messages = [{ role: 'user' as const, content: QUESTION }];
  return {
    protocol: 'openai',
    sdk,
    async text(model, stream) {
      if (!stream) return { text: (await sdk.chat.completions.create({ model, messages })).choices[0]?.message.content ?? '' };
      let text = '';
      for await (const chunk of await sdk.chat.completions.create({ model, messages, stream: true })) text += chunk.choices[0]?.delta.content ?? '';
      return { text };
    },
    async tool(model, stream) {
      if (!stream) {
        const call = (await sdk.chat.completions.create({ model, messages, tools })).choices[0]?.message.tool_calls?.[0];
        if (call?.type !== 'function') throw new Error('no function tool call');
        return { name: call.function.name, args: JSON.parse(call.function.arguments) };
      }
      let name = '';
      let args = '';
      for await (const chunk of await sdk.chat.completions.create({ model, messages, tools, stream: true })) {
        for (const delta of chunk.choices[0]?.delta.tool_calls ?? []) {
          name += delta.function?.name ?? '';
          args += delta.function?.arguments ?? '';
        }
      }
      return { name, args: JSON.parse(args) };
    },
  };
}

export function anthropicClient(url: string, key: string): SdkClient & { sdk: Anthropic } {
  const sdk = new Anthropic({ apiKey: key, baseURL: url, maxRetries: 0 });
  const base = { max_tokens: 256, messages: [{ role: 'user' as const, content: QUESTION }] };
  const tools = [{ name: 'get_weather', description: 'Weather for a city', input_schema: WEATHER_PARAMS }];
  return {
    protocol: 'anthropic',
    sdk,
    async text(model, stream) {
      const message = stream ? await sdk.messages.stream({ model, ...base }).finalMessage() : await sdk.messages.create({ model, ...base });
      return { text: message.content.map((block) => (block.type === 'text' ? block.text : '')).join('') };
    },
    async tool(model, stream) {
      const message = stream ? await sdk.messages.stream({ model, ...base, tools }).finalMessage() : await sdk.messages.create({ model, ...base, tools });
      const use = message.content.find((block) => block.type === 'tool_use');
      if (use?.type !== 'tool_use') throw new Error('no tool_use block');
      return { name: use.name, args: use.input };
    },
  };
}

export function geminiClient(url: string, key: string): SdkClient & { sdk: GoogleGenAI } {
  const sdk = new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: url } });
  const config = { tools: [{ functionDeclarations: [{ name: 'get_weather', parametersJsonSchema: WEATHER_PARAMS }] }] };
  return {
    protocol: 'gemini',
    sdk,
    async text(model, stream) {
      if (!stream) return { text: (await sdk.models.generateContent({ model, contents: QUESTION })).text ?? '' };
      let text = '';
      for await (const chunk of await sdk.models.generateContentStream({ model, contents: QUESTION })) text += chunk.text ?? '';
      return { text };
    },
    async tool(model, stream) {
      const calls = [];
      if (stream) {
        for await (const chunk of await sdk.models.generateContentStream({ model, contents: QUESTION, config })) calls.push(...(chunk.functionCalls ?? []));
      } else {
        calls.push(...((await sdk.models.generateContent({ model, contents: QUESTION, config })).functionCalls ?? []));
      }
      const call = calls[0];
      if (call === undefined) throw new Error('no function call');
      return { name: call.name ?? '', args: call.args };
    },
  };
}

export function cohereClient(url: string, key: string): SdkClient & { sdk: CohereClientV2 } {
  const sdk = new CohereClientV2({ token: key, baseUrl: url });
  const messages = [{ role: 'user' as const, content: QUESTION }];
  const tools = [{ type: 'function' as const, function: { name: 'get_weather', parameters: WEATHER_PARAMS } }];
  const options = { maxRetries: 0 };
  return {
    protocol: 'cohere',
    sdk,
    async text(model, stream) {
      if (!stream) {
        const content = (await sdk.chat({ model, messages }, options)).message.content ?? [];
        return { text: content.map((part) => (part.type === 'text' ? part.text : '')).join('') };
      }
      let text = '';
      for await (const event of await sdk.chatStream({ model, messages }, options)) {
        if (event.type === 'content-delta') text += event.delta?.message?.content?.text ?? '';
      }
      return { text };
    },
    async tool(model, stream) {
      if (!stream) {
        const call = (await sdk.chat({ model, messages, tools }, options)).message.toolCalls?.[0];
        return { name: call?.function?.name ?? '', args: JSON.parse(call?.function?.arguments ?? 'null') };
      }
      let name = '';
      let args = '';
      for await (const event of await sdk.chatStream({ model, messages, tools }, options)) {
        if (event.type === 'tool-call-start') name += event.delta?.message?.toolCalls?.function?.name ?? '';
        if (event.type === 'tool-call-start' || event.type === 'tool-call-delta') args += event.delta?.message?.toolCalls?.function?.arguments ?? '';
      }
      return { name, args: JSON.parse(args) };
    },
  };
}

export function cohereV1Client(url: string, key: string): SdkClient & { sdk: CohereClient } {
  const sdk = new CohereClient({ token: key, baseUrl: url });
  const tools = [{ name: 'get_weather', description: 'Weather for a city', parameterDefinitions: { city: { type: 'str', required: true } } }];
  const options = { maxRetries: 0 };
  return {
    protocol: 'cohere-v1',
    sdk,
    async text(model, stream) {
      if (!stream) return { text: (await sdk.chat({ model, message: QUESTION }, options)).text };
      let text = '';
      for await (const event of await sdk.chatStream({ model, message: QUESTION }, options)) {
        if (event.eventType === 'text-generation') text += event.text;
      }
      return { text };
    },
    async tool(model, stream) {
      if (!stream) {
        const call = (await sdk.chat({ model, message: QUESTION, tools }, options)).toolCalls?.[0];
        return { name: call?.name ?? '', args: call?.parameters };
      }
      let call: { name: string; parameters: unknown } | undefined;
      for await (const event of await sdk.chatStream({ model, message: QUESTION, tools }, options)) {
        if (event.eventType === 'tool-calls-generation') call = event.toolCalls[0];
      }
      return { name: call?.name ?? '', args: call?.parameters };
    },
  };
}
