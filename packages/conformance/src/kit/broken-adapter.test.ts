import {
  checkFuzzedRequests,
  checkStreamDecoding,
  checkStreamEncoding,
  ConformanceFailure,
  runAdapterConformance,
  type AdapterConformanceOptions,
} from '@fluxcore/adapter-kit';
import type { ProtocolAdapter, StreamEvent } from '@fluxcore/message';
import { openai } from '@fluxcore/openai';
import { openaiSimulator, validateOpenaiStream } from '@fluxcore/testkit';
import { describe, expect, it } from 'vitest';

const passing: AdapterConformanceOptions = { adapter: openai, simulator: openaiSimulator, grammar: validateOpenaiStream, fuzz: { runs: 100 } };

/** The OpenAI adapter with one part swapped out. */
function brokenOpenai(change: Partial<ProtocolAdapter>): AdapterConformanceOptions {
  return { ...passing, adapter: { ...openai, ...change } };
}

/** What `runAdapterConformance` registers, run by hand: the names of the checks that fail. */
function failingChecks(options: AdapterConformanceOptions): string[] {
  const checks = new Map<string, () => void>();
  runAdapterConformance({ ...options, describe: (_name, body) => body(), it: (name, body) => checks.set(name, body) });
  return [...checks].flatMap(([name, run]) => {
    try {
      run();
      return [];
    } catch (error) {
      if (!(error instanceof ConformanceFailure)) throw error;
      return [name];
    }
  });
}

// An encoder that never writes `data: [DONE]`: the stream looks complete, but openai-node's
// reader waits for the terminator.
const withoutDone = brokenOpenai({
  createStreamEncoder: (context) => {
    const inner = openai.createStreamEncoder(context);
    return { encode: (event) => inner.encode(event).replace('data: [DONE]\n\n', ''), fail: (error) => inner.fail(error) };
  },
});

// A parseRequest that trips over a body without messages with a plain Error, not a FluxError.
const plainThrow = brokenOpenai({
  parseRequest: (body, options) => {
    if (typeof body !== 'object' || body === null || !('messages' in body)) throw new Error('no messages here');
    return openai.parseRequest(body, options);
  },
});

// A decoder that drops every text-end: text blocks are never closed.
const unclosedBlocks = brokenOpenai({
  createStreamDecoder: () => {
    const inner = openai.createStreamDecoder();
    const open = (events: StreamEvent[]) => events.filter((event) => event.type !== 'text-end');
    return { push: (chunk) => open(inner.push(chunk)), end: () => open(inner.end()) };
  },
});

describe('the conformance kit', () => {
  it('passes the real adapter it is given as a reference', () => {
    expect(failingChecks(passing)).toEqual([]);
  });

  it("fails an encoder whose stream breaks the protocol's grammar, naming the violation", () => {
    expect(() => checkStreamEncoding(withoutDone)).toThrow(ConformanceFailure);
    expect(() => checkStreamEncoding(withoutDone)).toThrow(/grammar: .*\[DONE\]/);
    expect(failingChecks(withoutDone)).toEqual(["encodes streams the protocol's grammar accepts, that decode back to the answer"]);
  });

  it('fails a parseRequest that throws an uncategorised Error for a fuzzed body, showing the counterexample', () => {
    expect(() => checkFuzzedRequests(plainThrow)).toThrow(ConformanceFailure);
    expect(() => checkFuzzedRequests(plainThrow)).toThrow(/parseRequest threw Error \(not a FluxError\): no messages here/);
    expect(failingChecks(plainThrow)).toContain('throws only invalid_request FluxErrors for fuzzed request bodies');
  });

  it('fails a decoder whose events break the IR grammar', () => {
    expect(() => checkStreamDecoding(unclosedBlocks)).toThrow(/break the IR grammar: .*block 0 is still open/);
  });
});
