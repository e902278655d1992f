import type { FluxError } from '@fluxcore/errors';
import { encodeSse, type InboundContext, type JsonObject, type StreamEncoder, type StreamEvent, type TokenUsage } from '@fluxcore/message';
import { errorObject } from './errors.js';
import { finishToOpenAI } from './finish-reason.js';
import { generatedResponseId } from './ids.js';
import { usageToOpenAI } from './usage.js';

const DONE = 'data: [DONE]\n\n';

/**
 * Encodes IR events as a Chat Completions stream, in the grammar openai-node expects: a role
 * delta first; content deltas; each tool call as one chunk with `index`, `id`, `type`, `name` and
 * empty arguments, then argument fragments; a finish chunk with `delta: {}`; the usage chunk
 * (`choices: []`) only when the client asked with `stream_options.include_usage`; `[DONE]`.
 * Reasoning is sent as `delta.reasoning_content` (the DeepSeek convention; OpenAI clients ignore it).
 */
export class OpenAIStreamEncoder implements StreamEncoder {
  private readonly includeUsage: boolean;
  private id: string;
  private model: string;
  private created = Math.floor(Date.now() / 1000);
  private started = false;
  private closed = false;
  /** OpenAI numbers tool calls 0, 1, ... among tool calls only; IR block index → that number. */
  private readonly toolIndex = new Map<number, number>();
  private usage: Partial<TokenUsage> = {};
  /** The JSON of every chunk up to its choice (`{"id":...,"choices":[`), built once per start. */
  private prefix: string | undefined;

  constructor(context: InboundContext) {
    this.includeUsage = context.request.streamUsage === true;
    this.id = generatedResponseId();
    this.model = context.request.model ?? '';
  }

  encode(event: StreamEvent): string {
    if (this.closed) return '';
    switch (event.type) {
      case 'start':
        if (event.id !== undefined && event.id !== '') this.id = event.id;
        if (event.model !== undefined && event.model !== '') this.model = event.model;
        if (event.created !== undefined) this.created = event.created;
        this.prefix = undefined;
        return this.roleChunk();
      case 'text-delta':
        return event.text === '' ? '' : this.roleChunk() + this.chunk({ content: event.text });
      case 'reasoning-delta':
        return event.text === '' ? '' : this.roleChunk() + this.chunk({ reasoning_content: event.text });
      case 'tool-call-start': {
        const index = this.toolIndex.size;
        this.toolIndex.set(event.index, index);
        const call = { index, id: event.id, type: 'function', function: { name: event.name, arguments: '' } };
        return this.roleChunk() + this.chunk({ tool_calls: [call] });
      }
      case 'tool-call-delta': {
        const index = this.toolIndex.get(event.index);
        if (index === undefined || event.argumentsDelta === '') return '';
        return this.chunk({ tool_calls: [{ index, function: { arguments: event.argumentsDelta } }] });
      }
      case 'usage':
        this.usage = { ...this.usage, ...definedOnly(event.usage) };
        return '';
      case 'finish':
        return this.finish(event.finishReason, event.usage);
      default:
        return '';
    }
  }

  fail(error: FluxError): string {
    if (this.closed) return '';
    this.closed = true;
    return encodeSse(JSON.stringify({ error: errorObject(error) }));
  }

  private finish(reason: Parameters<typeof finishToOpenAI>[0], usage: TokenUsage | undefined): string {
    let out = this.roleChunk() + this.chunk({}, finishToOpenAI(reason));
    const final = usage ?? completeUsage(this.usage);
    if (this.includeUsage && final !== undefined) {
      out += encodeSse(JSON.stringify({ ...this.envelope(), choices: [], usage: usageToOpenAI(final) }));
    }
    this.closed = true;
    return out + DONE;
  }

  /** The first chunk carries the role; it is sent once, before anything else. */
  private roleChunk(): string {
    if (this.started) return '';
    this.started = true;
    return this.chunk({ role: 'assistant', content: '' });
  }

  /**
   * One chunk: the text JSON.stringify gives for the envelope, the choice and (real streams that
   * include usage mark every other chunk so) `usage: null`, with only the choice serialised each
   * time. JSON text never holds a raw line break, so it is one `data:` line as it is.
   */
  private chunk(delta: JsonObject, finishReason: string | null = null): string {
    this.prefix ??= `${JSON.stringify(this.envelope()).slice(0, -1)},"choices":[`;
    const choice = JSON.stringify({ index: 0, delta, logprobs: null, finish_reason: finishReason });
    return `data: ${this.prefix}${choice}]${this.includeUsage ? ',"usage":null' : ''}}\n\n`;
  }

  private envelope(): JsonObject {
    return { id: this.id, object: 'chat.completion.chunk', created: this.created, model: this.model };
  }
}

function definedOnly(usage: Partial<TokenUsage>): Partial<TokenUsage> {
  return Object.fromEntries(Object.entries(usage).filter(([, value]) => value !== undefined));
}

/** Usage gathered from `usage` events, when both totals are known. */
function completeUsage(usage: Partial<TokenUsage>): TokenUsage | undefined {
  if (usage.inputTokens === undefined || usage.outputTokens === undefined) return undefined;
  return { ...usage, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens };
}
