// The README's quick start, non-streaming, against SIMULATED providers on 127.0.0.1.
//   pnpm turbo run build && pnpm --filter @fluxcore-examples/basic start
import { closePool } from '@fluxcore/call';
import { createPool } from './pool.js';
import { startSimulatedProviders } from './providers.js';
import { runBasicStory } from './story.js';

const print = (line: string) => console.log(line);

print('fluxcore basic example: one pool over three providers, answers in the OpenAI format');
print("The providers are SIMULATED: local test servers speaking each provider's wire format. No network, no API keys.");
print('');

const providers = await startSimulatedProviders();
const pool = createPool(providers.access);
for (const endpoint of pool.endpoints) {
  const { protocol, baseURL } = endpoint.key;
  const prices = `$${endpoint.inputPrice.toFixed(2)} in / $${endpoint.outputPrice.toFixed(2)} out per 1M tokens`;
  print(`   #${endpoint.id} ${protocol.name.padEnd(9)} ${String(endpoint.model).padEnd(17)} ${prices}, simulated at ${baseURL}`);
}
print('');

try {
  await runBasicStory(pool, providers, print);
} finally {
  await closePool(pool);
  await providers.close();
}
