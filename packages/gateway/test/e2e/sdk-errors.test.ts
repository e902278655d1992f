import Anthropic from '@anthropic-ai/sdk';
import { ApiError } from '@google/genai';
import { Cohere, CohereError } from 'cohere-ai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY_KEY, startHarness, type Harness } from '../harness.js';
import { sdkClients, type SdkClient } from './clients.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness(
    {
      healthy: { protocol: 'openai', inputPrice: 1, outputPrice: 1 },
      'down-a': { protocol: 'anthropic', inputPrice: 1, outputPrice: 1 },
      'down-b': { protocol: 'gemini', inputPrice: 2, outputPrice: 2 },
    },
    { auth: { keys: [GATEWAY_KEY] }, extraModels: { 'all-down': { endpoints: ['down-a', 'down-b'], retries: 1 } } },
  );
  h.upstreams['down-a']!.setFault({ type: 'http-error', status: 503 });
  h.upstreams['down-b']!.setFault({ type: 'http-error', status: 503 });
});
afterAll(() => h.close());

/** The typed error each SDK raises for a status, as its documentation names it. */
const EXPECTED: Record<string, (status: number) => (error: unknown) => void> = {
  openai: (status) => (error) => {
    const type = status === 401 ? OpenAI.AuthenticationError : status === 404 ? OpenAI.NotFoundError : OpenAI.InternalServerError;
    expect(error).toBeInstanceOf(type);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(status);
  },
  anthropic: (status) => (error) => {
    const type = status === 401 ? Anthropic.AuthenticationError : status === 404 ? Anthropic.NotFoundError : Anthropic.InternalServerError;
    expect(error).toBeInstanceOf(type);
    // Anthropic's own status for "overloaded" is 529 (503 once every breaker is open); its SDK
    // raises InternalServerError for both.
    const expected = status === 503 ? [503, 529] : [status];
    expect(expected).toContain((error as InstanceType<typeof Anthropic.APIError>).status);
  },
  gemini: (status) => (error) => {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(status);
  },
  cohere: (status) => cohereError(status),
  'cohere-v1': (status) => cohereError(status),
};

function cohereError(status: number): (error: unknown) => void {
  return (error) => {
    const type = status === 401 ? Cohere.UnauthorizedError : status === 404 ? Cohere.NotFoundError : Cohere.ServiceUnavailableError;
    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(CohereError);
    expect((error as CohereError).statusCode).toBe(status);
  };
}

async function thrownBy(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the SDK to throw');
}

describe.each(['openai', 'anthropic', 'gemini', 'cohere', 'cohere-v1'])('%s SDK', (protocol) => {
  const client = (key = GATEWAY_KEY): SdkClient => sdkClients(h.url, key).find((c) => c.protocol === protocol)!;

  it('works with the right key (the baseline of the cases below)', async () => {
    expect((await client().text('healthy', false)).text).toBe('Hello from the simulated upstream.');
  });

  it.each([false, true])('raises its authentication error for a bad gateway key (stream: %s)', async (stream) => {
    EXPECTED[protocol]!(401)(await thrownBy(() => client('wrong-gateway-key').text('healthy', stream)));
  });

  it.each([false, true])('raises its not-found error for an unknown model (stream: %s)', async (stream) => {
    EXPECTED[protocol]!(404)(await thrownBy(() => client().text('no-such-model', stream)));
  });

  it.each([false, true])('raises its server error when every endpoint is down (stream: %s)', async (stream) => {
    EXPECTED[protocol]!(503)(await thrownBy(() => client().text('all-down', stream)));
  });
});
