import { closePool, configurePool } from '@fluxcore/call';
import { Endpoint, EndpointPool } from '@fluxcore/routing';
import { startUpstream, type ProtocolCase, type UpstreamFault } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';
import type { SoakCase } from './soak/cases.js';
import { CLIENTS } from './soak/clients.js';
import { runCase } from './soak/run-case.js';
import { PROTOCOLS } from './soak/protocols.js';

// The soak draws faults at random. This suite is its exhaustive, deterministic counterpart for
// streams: every client protocol against every upstream protocol (the five same-protocol pairs
// take the verbatim passthrough, the twenty others convert), each mid-stream fault injected after
// every frame position. The upstream pauses between frames, so the client has content before the
// fault arrives: the stream must then end with the client protocol's own error signal, still
// grammatical, with only a prefix of the answer before it.

const FAULTS: ReadonlyArray<UpstreamFault['type']> = ['truncate', 'malformed-stream', 'stream-error', 'stall'];
/** More frame positions than any of these answers has frames, so the fault lands everywhere, and past the end. */
const POSITIONS = 14;

function answers(client: string): SoakCase[] {
  const usage = { inputTokens: 20, outputTokens: 9 };
  const text = 'Zürich café 東京 🚀 ok';
  const toolCalls = [{ id: 'call_1', name: 'get_weather', arguments: { city: 'Kraków', days: 3 } }];
  return [
    { index: 1, client, stream: true, scenario: { id: 'faults_1', text, usage, chunkSize: 6 }, expected: { text, toolCalls: [] } },
    {
      index: 2,
      client,
      stream: true,
      scenario: { id: 'faults_2', toolCalls, usage, chunkSize: 9 },
      expected: { text: '', toolCalls: [{ name: 'get_weather', arguments: { city: 'Kraków', days: 3 } }] },
    },
  ];
}

/** Run every fault at every position for one client against one upstream; return the problems found. */
async function runPair(client: (typeof CLIENTS)[number], upstreamSpec: ProtocolCase): Promise<string[]> {
  const problems: string[] = [];
  for (const soakCase of answers(client.adapter.name)) {
    const upstream = await startUpstream({ simulator: upstreamSpec.simulator, apiKey: 'fault-matrix-key', scenario: soakCase.scenario, frameDelayMs: 1 });
    const endpoint = new Endpoint({
      id: upstreamSpec.adapter.name,
      key: { baseURL: upstream.url, apiKey: 'fault-matrix-key', protocol: upstreamSpec.adapter },
      model: 'm',
      inputPrice: 1,
      outputPrice: 1,
      breaker: { threshold: 1_000, recoveryTimeoutMs: 1 },
    });
    const pool = new EndpointPool([endpoint], { retries: 0 });
    configurePool(pool, { timeouts: { idleMs: 60 } });
    try {
      for (const type of FAULTS) {
        for (let afterFrames = 0; afterFrames < POSITIONS; afterFrames++) {
          upstream.setFault({ type, afterFrames } as UpstreamFault);
          const outcome = await runCase(pool, soakCase, client);
          // With one endpoint and no retry, a fault before the first content must fail the call
          // (a clean HTTP error in the client's protocol, which runCase checks): that is correct.
          const found = outcome.kind === 'failed' ? outcome.problems.filter((problem) => !problem.startsWith('failed: ')) : outcome.problems;
          const where = `${client.adapter.name} <- ${upstreamSpec.adapter.name}, case ${soakCase.index}, ${type} after ${afterFrames} frames`;
          problems.push(...found.map((problem) => `${where}: ${problem}`));
        }
      }
    } finally {
      await closePool(pool);
      await upstream.close();
    }
  }
  return problems;
}

describe('mid-stream faults, every client x upstream pair, every frame position', () => {
  it("every stream completes exactly or ends with the client protocol's error signal after a prefix of the answer", async () => {
    const pairs = CLIENTS.flatMap((client) => PROTOCOLS.map((upstream) => runPair(client, upstream)));
    const problems = (await Promise.all(pairs)).flat();
    const streams = CLIENTS.length * PROTOCOLS.length * 2 * FAULTS.length * POSITIONS;
    console.log(
      `[stream faults] ${streams} streams (${CLIENTS.length} clients x ${PROTOCOLS.length} upstreams x 2 answers x ${FAULTS.length} faults x ${POSITIONS} positions): ${problems.length} problems`,
    );
    expect(problems).toEqual([]);
  });
});
