import { isDeepStrictEqual } from 'node:util';
import { isFluxError } from '@fluxcore/errors';
import type { ChatRequest, UpstreamRequest } from '@fluxcore/message';
import { attempt } from './attempt.js';
import { describeThrown, Problems, show } from './failure.js';
import { kitTarget, subjectOf, type AdapterConformanceOptions, type ConformanceSubject } from './options.js';
import { digestRequest, type RequestDigest } from './request-digest.js';
import { simulatedCallOf } from './wire.js';

/** What every protocol must carry through `buildRequest` then `parseRequest`. */
const KEPT: ReadonlyArray<keyof RequestDigest> = ['system', 'turns', 'tools', 'maxTokens', 'temperature', 'stop'];

/**
 * `buildRequest` writes each request (streamed and not) as an upstream request the simulator
 * recognises: POST, routed with the target's model and stream flag, the key where the protocol
 * sends keys and nowhere in the body; `parseRequest` reads that body back to the same
 * conversation (system, turns, tools, tool calls and results, max tokens, temperature, stop
 * sequences). A request the protocol cannot express may be refused with `invalid_request`.
 */
export function checkRequestRoundTrip(options: AdapterConformanceOptions): void {
  const subject = subjectOf(options);
  const problems = new Problems(subject.adapter.name, 'request round trip');
  for (const [name, base] of subject.requests) {
    for (const stream of [false, true]) roundTrip(subject, problems, `request "${name}"${stream ? ' (stream)' : ''}`, { ...base, stream });
  }
  problems.settle();
}

function roundTrip(subject: ConformanceSubject, problems: Problems, what: string, request: ChatRequest): void {
  const built = attempt(() => subject.adapter.buildRequest(structuredClone(request), kitTarget(request.stream)));
  if (!built.ok) {
    const refused = isFluxError(built.thrown) && built.thrown.category === 'invalid_request';
    problems.expect(refused, `${what}: buildRequest threw ${describeThrown(built.thrown)} (only invalid_request may refuse a request)`);
    return;
  }
  const route = routeOf(subject, problems, what, built.value, request.stream);
  const body = attempt(() => JSON.parse(built.value.body) as unknown);
  if (route === undefined || !problems.expect(body.ok, `${what}: the built body is not JSON`) || !body.ok) return;
  const parsed = attempt(() => subject.adapter.parseRequest(body.value, route));
  if (!parsed.ok) return problems.add(`${what}: parseRequest of the built body threw ${describeThrown(parsed.thrown)}`);
  problems.expect(parsed.value.stream === request.stream, `${what}: read back with stream ${parsed.value.stream}`);
  const sent = digestRequest(request);
  const read = digestRequest(parsed.value);
  for (const field of KEPT) {
    problems.expect(isDeepStrictEqual(sent[field], read[field]), `${what}: ${field} sent ${show(sent[field])}, read back ${show(read[field])}`);
  }
}

/** Checks how the built request travels, and returns the route the simulator reads from it. */
function routeOf(
  subject: ConformanceSubject,
  problems: Problems,
  what: string,
  built: UpstreamRequest,
  stream: boolean,
): { model?: string; stream: boolean } | undefined {
  const target = kitTarget(stream);
  problems.expect(built.method === 'POST', `${what}: method ${built.method}, expected POST`);
  const call = attempt(() => simulatedCallOf(built));
  if (!call.ok) return void problems.add(`${what}: the URL ${built.url} is not absolute`);
  problems.expect(subject.simulator.apiKeyOf(call.value) === target.apiKey, `${what}: the simulator finds no API key where the protocol sends it`);
  problems.expect(!built.body.includes(target.apiKey), `${what}: the body repeats the API key`);
  const route = subject.simulator.route(call.value);
  if (route === undefined) return void problems.add(`${what}: the simulator does not recognise ${built.url} as this protocol's request`);
  problems.expect(route.stream === stream, `${what}: routed as ${route.stream ? 'a stream' : 'a complete answer'}`);
  problems.expect(route.model === target.model, `${what}: routed to model ${String(route.model)}, expected ${target.model}`);
  return route;
}
