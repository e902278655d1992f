import type { JsonObject } from '@fluxcore/message';

/** DeepSeek (`reasoning_content`) and vLLM/OpenRouter (`reasoning`) reasoning text, outside OpenAI's schema. */
export function reasoningText(source: JsonObject): string | undefined {
  const text = source.reasoning_content ?? source.reasoning;
  return typeof text === 'string' && text !== '' ? text : undefined;
}
