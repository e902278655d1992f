// An OpenAI-compatible server in plain node:http, in front of SIMULATED providers on 127.0.0.1.
//   pnpm turbo run build && pnpm --filter @fluxcore-examples/gateway start   (PORT=8787 by default)
import type { AddressInfo } from 'node:net';
import { closePool } from '@fluxcore/call';
import { startSimulatedBackend } from './providers.js';
import { createChatServer } from './server.js';

const backend = await startSimulatedBackend({ frameDelayMs: 30 });
const server = createChatServer(backend.pool);
server.listen(Number(process.env.PORT ?? 8787), '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

console.log(`fluxcore gateway example: POST ${url}/v1/chat/completions (OpenAI format)`);
console.log('Behind it, SIMULATED providers (local test servers, no network, no API keys):');
for (const endpoint of backend.pool.endpoints) {
  const prices = `$${endpoint.inputPrice.toFixed(2)} in / $${endpoint.outputPrice.toFixed(2)} out per 1M tokens`;
  console.log(`   ${String(endpoint.id).padEnd(7)} ${endpoint.key.protocol.name.padEnd(9)} ${prices} at ${endpoint.key.baseURL}`);
}
console.log(`
Try it (any API key works, the server has none of its own):
  curl -s ${url}/v1/chat/completions -H 'content-type: application/json' \\
    -d '{"model":"any","messages":[{"role":"user","content":"Hi"}]}'
  curl -sN ${url}/v1/chat/completions -H 'content-type: application/json' \\
    -d '{"model":"any","stream":true,"messages":[{"role":"user","content":"Hi"}]}'
or the OpenAI SDK: new OpenAI({ baseURL: '${url}/v1', apiKey: 'unused' })

Ctrl-C stops it.`);

process.once('SIGINT', () => {
  server.close();
  server.closeAllConnections();
  void Promise.all([closePool(backend.pool), backend.close()]);
});
