import type { ChatRequest, JsonObject, ParseRequestOptions } from '@fluxcore/message';
import type { ProtocolCase } from '@fluxcore/testkit';
import { REQUESTS, isInexpressible } from './requests/all.js';
import type { ScenarioName } from './scenarios.js';

/** A client's request in its own protocol, as sent and as parsed. */
export interface ClientRequest {
  body: JsonObject;
  route: ParseRequestOptions | undefined;
  parsed: ChatRequest;
}

/**
 * The scenario's hand-written request of this protocol (the plain text one when the protocol
 * cannot write the scenario: the answer side of the cell is still exercised).
 */
export function clientRequest(inbound: ProtocolCase, scenario: ScenarioName, stream: boolean): ClientRequest {
  const book = REQUESTS[inbound.name];
  const entry = book[scenario];
  const base = isInexpressible(entry) ? book.text : entry;
  if (isInexpressible(base)) throw new Error(`${inbound.name} has no text request`);
  const body = stream ? inbound.streamBody(base) : base;
  const route = inbound.route(stream);
  return { body, route, parsed: inbound.adapter.parseRequest(structuredClone(body), route) };
}
