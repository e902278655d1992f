import type { FluxError } from '@fluxcore/errors';
import type { InboundContext, JsonObject, StreamEncoder, StreamEvent, TokenUsage } from '@fluxcore/message';
import { geminiErrorBody } from './errors.js';
import { toGeminiFinishReason } from './finish-reason.js';
import { lenientArguments } from './content-build.js';
import { ownSignature } from './signature.js';
import { toUsageMetadata } from './usage.js';

/**
 * IR events -> Gemini `alt=sse` chunks: `data: <GenerateContentResponse>\n\n`, no `event:` line
 * (the genai SDK skips events that start with one) and no `[DONE]`. Every chunk holds only
 * new parts in `candidates[0].content`, with role `model`. Function calls are sent whole:
 * argument fragments are buffered until the call ends. The known usage rides on every chunk
 * as running totals; `finishReason` and the final usage come on the last chunk.
 */
class GeminiStreamEncoder implements StreamEncoder {
  private responseId: string;
  private model: string;
  private usage: Partial<TokenUsage> | undefined;
  private call: { id: string; name: string; arguments: string } | undefined;
  private done = false;

  constructor(context: InboundContext) {
    this.model = context.request.model ?? '';
    this.responseId = '';
  }

  encode(event: StreamEvent): string {
    if (this.done) return '';
    switch (event.type) {
      case 'start':
        if (event.id !== undefined) this.responseId = event.id;
        if (event.model !== undefined && event.model !== '') this.model = event.model;
        return '';
      case 'text-delta':
        return event.text === '' ? '' : this.chunk([{ text: event.text }]);
      case 'reasoning-delta':
        return event.text === '' ? '' : this.chunk([{ text: event.text, thought: true }]);
      case 'text-end':
        return this.signatureChunk(ownSignature(event.signature), false);
      case 'reasoning-end':
        return this.signatureChunk(ownSignature(event.signature), true);
      case 'tool-call-start':
        this.call = { id: event.id, name: event.name, arguments: '' };
        return '';
      case 'tool-call-delta':
        if (this.call !== undefined) this.call.arguments += event.argumentsDelta;
        return '';
      case 'tool-call-end':
        return this.callChunk(ownSignature(event.signature));
      case 'usage':
        this.usage = { ...this.usage, ...event.usage };
        return '';
      case 'finish':
        this.done = true;
        if (event.usage !== undefined) this.usage = event.usage;
        // The genai SDK's chat history only keeps chunks with a non-empty part.
        return this.chunk([{ text: '' }], toGeminiFinishReason(event.finishReason, event.rawFinishReason));
      default:
        return '';
    }
  }

  fail(error: FluxError): string {
    if (this.done) return '';
    this.done = true;
    return `data: ${JSON.stringify(geminiErrorBody(error))}\n\n`;
  }

  /** Gemini puts a signature on the last part of a run; an empty part carries it here. */
  private signatureChunk(signature: string | undefined, thought: boolean): string {
    if (signature === undefined) return '';
    return this.chunk([thought ? { text: '', thought: true, thoughtSignature: signature } : { text: '', thoughtSignature: signature }]);
  }

  private callChunk(signature: string | undefined): string {
    const call = this.call;
    this.call = undefined;
    if (call === undefined) return '';
    const part: JsonObject = { functionCall: { id: call.id, name: call.name, args: lenientArguments(call.arguments === '' ? '{}' : call.arguments) } };
    if (signature !== undefined) part.thoughtSignature = signature;
    return this.chunk([part]);
  }

  private chunk(parts: JsonObject[], finishReason?: string): string {
    const candidate: JsonObject = { content: { parts, role: 'model' } };
    if (finishReason !== undefined) candidate.finishReason = finishReason;
    candidate.index = 0;
    const response: JsonObject = { candidates: [candidate] };
    if (this.usage !== undefined) response.usageMetadata = toUsageMetadata(this.usage);
    response.modelVersion = this.model;
    if (this.responseId !== '') response.responseId = this.responseId;
    return `data: ${JSON.stringify(response)}\n\n`;
  }
}

/** A fresh encoder for one streamed answer to a Gemini client. */
export function createGeminiStreamEncoder(context: InboundContext): StreamEncoder {
  return new GeminiStreamEncoder(context);
}
