import type { OpaqueSignature } from './content.js';
import type { FinishReason, TokenUsage } from './response.js';

/**
 * One event of a streamed answer. Content arrives in blocks (text, reasoning, tool call),
 * each opened, filled with deltas and closed. Invariants every decoder guarantees and every
 * encoder may rely on:
 * - `start` comes first, once; `finish` comes last, once.
 * - At most one block is open at a time; `index` numbers blocks 0, 1, 2, ... in order.
 * - `usage` may come any number of times; each carries the latest known totals.
 */
export type StreamEvent =
  | StartEvent
  | TextStartEvent
  | TextDeltaEvent
  | TextEndEvent
  | ReasoningStartEvent
  | ReasoningDeltaEvent
  | ReasoningEndEvent
  | ToolCallStartEvent
  | ToolCallDeltaEvent
  | ToolCallEndEvent
  | UsageEvent
  | FinishEvent;

/** The answer begins. */
export interface StartEvent {
  type: 'start';
  id?: string;
  model?: string;
  /** Unix time in seconds, when known. */
  created?: number;
}
/** A text block opens at `index`. */
export interface TextStartEvent {
  type: 'text-start';
  /** Block number: 0, 1, 2, ... in order of opening. */
  index: number;
}
/** More text for the open text block. */
export interface TextDeltaEvent {
  type: 'text-delta';
  index: number;
  text: string;
}
/** The text block at `index` closes; Gemini may attach a signature to it. */
export interface TextEndEvent {
  type: 'text-end';
  index: number;
  signature?: OpaqueSignature;
}
/** A reasoning ("thinking") block opens at `index`. */
export interface ReasoningStartEvent {
  type: 'reasoning-start';
  index: number;
  /** Set for redacted reasoning, which has no text. */
  redacted?: OpaqueSignature;
}
/** More reasoning text for the open reasoning block. */
export interface ReasoningDeltaEvent {
  type: 'reasoning-delta';
  index: number;
  text: string;
}
/** The reasoning block at `index` closes, with the provider's signature when it sent one. */
export interface ReasoningEndEvent {
  type: 'reasoning-end';
  index: number;
  signature?: OpaqueSignature;
}
/** A tool call block opens at `index`, with the call's id and tool name. */
export interface ToolCallStartEvent {
  type: 'tool-call-start';
  index: number;
  /** Call id (generated when the protocol has none). */
  id: string;
  /** Name of the tool called. */
  name: string;
}
/** More of the open tool call's arguments. */
export interface ToolCallDeltaEvent {
  type: 'tool-call-delta';
  index: number;
  /** A fragment of the arguments' JSON text. */
  argumentsDelta: string;
}
/** The tool call block at `index` closes; its arguments are complete. */
export interface ToolCallEndEvent {
  type: 'tool-call-end';
  index: number;
  signature?: OpaqueSignature;
}
/** Latest usage totals known so far (fields absent = not yet known). */
export interface UsageEvent {
  type: 'usage';
  usage: Partial<TokenUsage>;
}
/** The answer is complete. */
export interface FinishEvent {
  type: 'finish';
  finishReason: FinishReason;
  rawFinishReason?: string;
  stopSequence?: string;
  /** Final usage, when the provider reported it. */
  usage?: TokenUsage;
}

/**
 * True for events that carry content the caller must see: text or reasoning, a tool call, or
 * the end of the answer. The first such event commits a stream to its endpoint; until then
 * fluxcore may still fail over, so lifecycle events (start, block starts, usage) are held back.
 */
export function isContentEvent(event: StreamEvent): boolean {
  switch (event.type) {
    case 'text-delta':
    case 'reasoning-delta':
      return event.text.length > 0;
    case 'tool-call-start':
    case 'tool-call-delta':
    case 'reasoning-end':
    case 'finish':
      return true;
    default:
      return false;
  }
}
