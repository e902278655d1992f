import { request, type CallResult } from '@fluxcore/call';
import { isFluxError, type FluxError } from '@fluxcore/errors';
import { openai } from '@fluxcore/openai';
import type { EndpointPool } from '@fluxcore/routing';
import type { SimulatedProviders } from './providers.js';
import { printResult, type Print } from './report.js';

/** What each step produced, for the test to check. */
export interface BasicOutcome {
  cheapest: CallResult;
  failover: CallResult;
  invalid: FluxError;
}

/** A client request in the OpenAI format, as the bytes a server would receive. */
const rawBody = JSON.stringify({
  model: 'gpt-4.1-mini',
  messages: [{ role: 'user', content: 'Say hello in one sentence.' }],
});

/** Step 3 of the README's quick start, three times: a plain call, a failover, a bad request. */
export async function runBasicStory(pool: EndpointPool, providers: SimulatedProviders, print: Print): Promise<BasicOutcome> {
  print('1. request(pool, rawBody, openai): the cheapest endpoint for this request answers');
  const cheapest = await request(pool, rawBody, openai, { signal: AbortSignal.timeout(10_000) });
  printResult(print, cheapest);

  print('');
  print('2. The OpenAI provider answers 503 once: fluxcore fails over to the next cheapest');
  print('   endpoint and converts its answer back to the OpenAI format');
  providers.upstreams.openai.setFault({ type: 'http-error', status: 503, times: 1 });
  const failover = await request(pool, rawBody, openai, { signal: AbortSignal.timeout(10_000) });
  printResult(print, failover);

  print('');
  print('3. A request without messages: a FluxError names the field, and the adapter renders it');
  print('   as the error answer an OpenAI client expects');
  const invalid = await request(pool, { model: 'gpt-4.1-mini' }, openai).then(
    () => {
      throw new Error('a request without messages was accepted');
    },
    (error: unknown) => {
      if (!isFluxError(error)) throw error;
      return error;
    },
  );
  const rendered = openai.formatError(invalid);
  print(`   error     ${invalid.category}${invalid.param === undefined ? '' : ` (param: ${invalid.param})`}: ${invalid.message}`);
  print(`   answer    HTTP ${rendered.status} ${JSON.stringify(rendered.body)}`);
  return { cheapest, failover, invalid };
}
