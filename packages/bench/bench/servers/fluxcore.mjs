// (c) @fluxcore/gateway (built dist) with one OpenAI endpoint on the simulated upstream. The
// per-request access log is off (level warn); metrics stay on, as in production. Model "hold"
// serves the idle-stream measurement.
import { createGateway } from '@fluxcore/gateway';
import { answerParent } from './serve.mjs';

const gateway = createGateway({
  keys: { mock: { protocol: 'openai', baseURL: process.env.UPSTREAM_URL, apiKey: 'sk-bench-upstream' } },
  endpoints: {
    mock: { key: 'mock', model: 'gpt-mock', inputPrice: 0.4, outputPrice: 1.6 },
    hold: { key: 'mock', model: 'hold', inputPrice: 0.4, outputPrice: 1.6 },
  },
  models: { 'gpt-mock': { endpoints: ['mock'] }, hold: { endpoints: ['hold'] } },
  log: { level: process.env.FLUXCORE_LOG ?? 'warn' },
});

const url = await gateway.start(0, '127.0.0.1');
process.send({ port: Number(new URL(url).port) });
answerParent();
