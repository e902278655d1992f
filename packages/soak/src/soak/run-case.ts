import { isDeepStrictEqual } from 'node:util';
import { CallError, formatError, request, requestStream } from '@fluxcore/call';
import type { JsonObject } from '@fluxcore/message';
import type { EndpointPool } from '@fluxcore/routing';
import type { ExpectedContent, SoakCase } from './cases.js';
import type { ClientProtocol } from './clients.js';

/** How one soak request ended, and what was wrong with it (nothing, when `problems` is empty). */
export interface Outcome {
  readonly kind: 'completed' | 'ended-with-error' | 'failed';
  /** More than one attempt was made. */
  readonly failedOver: boolean;
  readonly problems: string[];
}

/** Send one case through the pool as its client would, and check what came back. */
export async function runCase(pool: EndpointPool, soakCase: SoakCase, client: ClientProtocol): Promise<Outcome> {
  return soakCase.stream ? runStream(pool, soakCase, client) : runRequest(pool, soakCase, client);
}

async function runRequest(pool: EndpointPool, soakCase: SoakCase, client: ClientProtocol): Promise<Outcome> {
  try {
    const result = await request(pool, client.body(soakCase), client.adapter, client.options(soakCase));
    const problems = contentProblems(client.read(result.body), soakCase.expected);
    return { kind: 'completed', failedOver: result.attempts.length > 1, problems };
  } catch (error) {
    return failed(error, client);
  }
}

async function runStream(pool: EndpointPool, soakCase: SoakCase, client: ClientProtocol): Promise<Outcome> {
  let stream;
  try {
    stream = await requestStream(pool, client.body(soakCase), client.adapter, client.options(soakCase));
  } catch (error) {
    return failed(error, client);
  }
  let wire = '';
  try {
    for await (const chunk of stream) wire += chunk;
  } catch (error) {
    // Failover ran out before anything was yielded: the iteration throws, as a clean HTTP error.
    return failed(error, client);
  }
  await stream.usage;
  const failedOver = stream.attempts.length > 1;
  const grammar = client.validate(wire);
  const problems = grammar.errors.map((error) => `grammar: ${error}`);
  const received: ExpectedContent = {
    text: grammar.text,
    toolCalls: grammar.toolCalls.map((call) => ({ name: call.name, arguments: parseArguments(call.arguments) })),
  };
  if (!grammar.endedWithError) {
    return { kind: 'completed', failedOver, problems: withWire([...problems, ...contentProblems(received, soakCase.expected)], wire) };
  }
  if (grammar.text === '' && grammar.toolCalls.length === 0) {
    const attempts = stream.attempts.map((a) => `${a.endpointId} ${a.status ?? '-'} ${a.category ?? 'ok'} ${a.durationMs}ms`).join(', ');
    problems.push(`the stream ended with an error before any content (it should have failed over) [${attempts}]`);
  }
  if (!soakCase.expected.text.startsWith(grammar.text)) problems.push(`text before the error is not a prefix of the answer: ${JSON.stringify(grammar.text)}`);
  grammar.toolCalls.forEach((call, i) => {
    const expected = soakCase.expected.toolCalls[i];
    if (expected === undefined || call.name !== expected.name || !JSON.stringify(expected.arguments).startsWith(call.arguments)) {
      problems.push(`tool call ${i} before the error is not a prefix of the answer: ${JSON.stringify(call)}`);
    }
  });
  return { kind: 'ended-with-error', failedOver, problems: withWire(problems, wire) };
}

/** A thrown call: it must be a CallError that the client's protocol can render. */
function failed(error: unknown, client: ClientProtocol): Outcome {
  const attempts =
    error instanceof CallError ? error.attempts.map((a) => `${a.endpointId} ${a.status ?? '-'} ${a.category ?? 'ok'} ${a.durationMs}ms`).join(', ') : '';
  const problems = [`failed: ${error instanceof Error ? error.message : String(error)} [${attempts}]`];
  if (!(error instanceof CallError)) problems.push('the error is not a CallError');
  const { status } = formatError(error, client.adapter);
  if (status < 400 || status > 599) problems.push(`formatted error has HTTP status ${status}`);
  return { kind: 'failed', failedOver: error instanceof CallError && error.attempts.length > 1, problems };
}

function contentProblems(received: ExpectedContent, expected: ExpectedContent): string[] {
  const problems: string[] = [];
  if (received.text !== expected.text) problems.push(`text ${JSON.stringify(received.text)} != ${JSON.stringify(expected.text)}`);
  if (!isDeepStrictEqual(received.toolCalls, expected.toolCalls)) {
    problems.push(`tool calls ${JSON.stringify(received.toolCalls)} != ${JSON.stringify(expected.toolCalls)}`);
  }
  return problems;
}

/** Tool-call arguments as JSON; text that is not JSON is kept so that the comparison shows it. */
function parseArguments(text: string): JsonObject {
  try {
    return JSON.parse(text) as JsonObject;
  } catch {
    return { unparsable: text };
  }
}

/** Problems of a stream carry its wire text (the last 600 characters), to reproduce them. */
function withWire(problems: string[], wire: string): string[] {
  return problems.length === 0 ? problems : [...problems, `wire: ${JSON.stringify(wire.slice(-600))}`];
}
