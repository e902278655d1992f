import type { OpaqueSignature, StreamEncoder, StreamEvent } from '@fluxcore/message';

/** A text block at `index`: its start, one delta per piece, its end. */
export function textEvents(index: number, ...pieces: string[]): StreamEvent[] {
  return [{ type: 'text-start', index }, ...pieces.map((text): StreamEvent => ({ type: 'text-delta', index, text })), { type: 'text-end', index }];
}

/** A reasoning block at `index`: its start, one delta per piece, its end with `signature` when given. */
export function reasoningEvents(index: number, pieces: readonly string[], signature?: OpaqueSignature): StreamEvent[] {
  return [
    { type: 'reasoning-start', index },
    ...pieces.map((text): StreamEvent => ({ type: 'reasoning-delta', index, text })),
    signature === undefined ? { type: 'reasoning-end', index } : { type: 'reasoning-end', index, signature },
  ];
}

/** A tool call block at `index`: its start, one delta per piece of the arguments, its end. */
export function toolCallEvents(index: number, id: string, name: string, ...argumentPieces: string[]): StreamEvent[] {
  return [
    { type: 'tool-call-start', index, id, name },
    ...argumentPieces.map((argumentsDelta): StreamEvent => ({ type: 'tool-call-delta', index, argumentsDelta })),
    { type: 'tool-call-end', index },
  ];
}

/** The wire text `encoder` writes for `events`, in order. */
export function encodeEvents(encoder: StreamEncoder, events: readonly StreamEvent[]): string {
  return events.map((event) => encoder.encode(event)).join('');
}
