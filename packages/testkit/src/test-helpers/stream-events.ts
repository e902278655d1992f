import type { StreamEncoder, StreamEvent } from '@fluxcore/message';

/** A text block at `index`: its start, one delta per piece, its end. */
export function textEvents(index: number, ...pieces: string[]): StreamEvent[] {
  return [{ type: 'text-start', index }, ...pieces.map((text): StreamEvent => ({ type: 'text-delta', index, text })), { type: 'text-end', index }];
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
