import type { ProtocolName } from '@fluxcore/testkit';
import { REQUESTS, isInexpressible } from './requests/all.js';
import type { ScenarioName } from './scenarios.js';

/** A matrix cell that cannot pass as written, and why. */
export interface CellNote {
  scenario: ScenarioName;
  /** Absent: every inbound protocol. */
  inbound?: ProtocolName;
  /** Absent: every outbound protocol. */
  outbound?: ProtocolName;
  reason: string;
}

/**
 * Requests an upstream protocol cannot carry at all: `buildRequest` must refuse them with
 * `invalid_request` (never send a silently mutilated request). The tests assert the refusal.
 */
export const OUTBOUND_REFUSALS: readonly CellNote[] = [
  { scenario: 'image-base64', outbound: 'cohere-v1', reason: 'a Cohere v1 upstream takes no images or files: `buildRequest` refuses with `invalid_request`' },
  { scenario: 'image-url', outbound: 'cohere-v1', reason: 'a Cohere v1 upstream takes no images or files: `buildRequest` refuses with `invalid_request`' },
  { scenario: 'pdf', outbound: 'cohere-v1', reason: 'a Cohere v1 upstream takes no images or files: `buildRequest` refuses with `invalid_request`' },
  { scenario: 'pdf', outbound: 'cohere', reason: 'a Cohere v2 upstream takes no PDF: `buildRequest` refuses with `invalid_request`' },
];

/** Scenarios whose subject one side drops entirely although the exchange itself works. */
export const OUTBOUND_DROPS: readonly CellNote[] = [
  { scenario: 'reasoning', outbound: 'cohere-v1', reason: 'Cohere v1 has no reasoning: history, settings and answer reasoning are dropped' },
  { scenario: 'content-filter', outbound: 'cohere', reason: 'Cohere v2 has no filter finish reason: the upstream answers `COMPLETE`, read as `stop`' },
  { scenario: 'content-filter', inbound: 'cohere', reason: 'Cohere v2 has no filter finish reason: its clients get `COMPLETE`' },
];

/** An adapter bug: the cell's check fails, with a message matching `failsWith`. */
export interface KnownGap extends CellNote {
  direction: 'request' | 'response';
  /** Absent: streamed and not. */
  stream?: boolean;
  failsWith: RegExp;
}

/**
 * Cells that fail because of an adapter bug, not a protocol limit. Each is asserted to FAIL, so
 * a fix makes the test fail until the entry is removed here.
 */
export const KNOWN_GAPS: readonly KnownGap[] = [];

export type CellStatus = 'pass' | 'unsupported' | 'gap';

const matches = (note: CellNote, scenario: ScenarioName, inbound: ProtocolName, outbound: ProtocolName): boolean =>
  note.scenario === scenario && (note.inbound ?? inbound) === inbound && (note.outbound ?? outbound) === outbound;

export function refusal(scenario: ScenarioName, inbound: ProtocolName, outbound: ProtocolName): CellNote | undefined {
  return OUTBOUND_REFUSALS.find((n) => matches(n, scenario, inbound, outbound));
}

export function knownGap(scenario: ScenarioName, inbound: ProtocolName, outbound: ProtocolName, direction: 'request' | 'response', stream: boolean) {
  return KNOWN_GAPS.find((n) => matches(n, scenario, inbound, outbound) && n.direction === direction && (n.stream ?? stream) === stream);
}

/** The status of one cell and the reasons shown in the README. */
export function cellOf(scenario: ScenarioName, inbound: ProtocolName, outbound: ProtocolName): { status: CellStatus; reasons: string[] } {
  const gaps = KNOWN_GAPS.filter((n) => matches(n, scenario, inbound, outbound));
  if (gaps.length > 0) return { status: 'gap', reasons: gaps.map((g) => g.reason) };
  const entry = REQUESTS[inbound][scenario];
  const reasons: string[] = [];
  if (isInexpressible(entry)) reasons.push(entry.unsupported);
  else {
    const refused = refusal(scenario, inbound, outbound);
    if (refused !== undefined) reasons.push(refused.reason);
  }
  for (const drop of OUTBOUND_DROPS) if (matches(drop, scenario, inbound, outbound) && !reasons.includes(drop.reason)) reasons.push(drop.reason);
  return { status: reasons.length > 0 ? 'unsupported' : 'pass', reasons };
}
