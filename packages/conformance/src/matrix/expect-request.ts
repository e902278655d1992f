import { digestRequest } from '@fluxcore/adapter-kit';
import type { ChatRequest, JsonObject } from '@fluxcore/message';
import type { ProtocolCase } from '@fluxcore/testkit';
import { expect } from 'vitest';
import { expectedUpstream } from './losses.js';
import { CLIENT_SIGNATURES } from './requests/all.js';
import { carriesToolIds } from './subjects.js';
import { toolIdsOf, unlinkedResults } from './tool-links.js';

/**
 * Check an upstream body against the client's request: read it back with the upstream
 * protocol's own parser and compare what must survive, allowing only the documented losses;
 * tool results still answer their calls, ids survive where both sides have them, and no
 * signature reaches another family.
 */
export function checkUpstreamBody(
  inbound: ProtocolCase,
  outbound: ProtocolCase,
  client: ChatRequest,
  rawBody: string,
  route: { stream: boolean; model?: string },
): void {
  for (const [family, signature] of Object.entries(CLIENT_SIGNATURES)) {
    if (family !== outbound.adapter.family) expect(rawBody, `a ${family} signature never reaches ${outbound.name}`).not.toContain(signature);
  }
  const body = JSON.parse(rawBody) as JsonObject;
  const upstream = outbound.adapter.parseRequest(body, outbound.name === 'gemini' ? { model: route.model, stream: route.stream } : undefined);
  expect(digestRequest(upstream), 'what reaches the upstream').toEqual(expectedUpstream(digestRequest(client), inbound.name, outbound.name));
  expect(unlinkedResults(upstream), 'every tool result answers a call').toEqual([]);
  if (carriesToolIds(inbound.name) && carriesToolIds(outbound.name)) expect(toolIdsOf(upstream), 'tool-call ids').toEqual(toolIdsOf(client));
}
