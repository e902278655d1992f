import type { ChatRequest } from './request.js';

/**
 * Estimate how many tokens a text takes (o200k-like tokenizers). CJK ideographs cost about
 * 2/3 token each, other characters about 1/4; an empty string is 0.
 */
export function estimateTokens(text: string): number {
  if (text.length === 0) return 0;
  let cjk = 0;
  let other = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x4e00 && cp <= 0x9fff) cjk++;
    else other++;
  }
  return Math.floor((cjk * 2) / 3) + Math.floor(other / 4) + 1;
}

/** Estimate the input tokens of a whole request: every text part plus per-message overhead. */
export function estimateRequestTokens(request: ChatRequest): number {
  let total = 0;
  for (const message of request.messages) {
    total += 1;
    for (const part of message.content) {
      if (part.type === 'text' || part.type === 'reasoning') total += estimateTokens(part.text);
      else if (part.type === 'tool-call') total += estimateTokens(part.name) + estimateTokens(part.arguments);
      else if (part.type === 'tool-result') for (const p of part.content) if (p.type === 'text') total += estimateTokens(p.text);
    }
  }
  for (const tool of request.tools ?? []) total += estimateTokens(tool.name + (tool.description ?? '') + JSON.stringify(tool.parameters));
  return total;
}
