// The README's quick start, streaming, against SIMULATED providers on 127.0.0.1.
//   pnpm turbo run build && pnpm --filter @fluxcore-examples/streaming start
import { closePool } from '@fluxcore/call';
import { createPool } from './pool.js';
import { startSimulatedProviders } from './providers.js';
import { runStreamingStory } from './story.js';

const out = {
  line: (text: string) => console.log(text),
  text: (text: string) => void process.stdout.write(text),
};

out.line('fluxcore streaming example: an Anthropic-format client, served by whichever endpoint is cheapest');
out.line("The providers are SIMULATED: local test servers speaking each provider's wire format. No network, no API keys.");
out.line('');

const providers = await startSimulatedProviders({ frameDelayMs: 40 });
const pool = createPool(providers.access);
for (const endpoint of pool.endpoints) {
  const { protocol, baseURL } = endpoint.key;
  const prices = `$${endpoint.inputPrice.toFixed(2)} in / $${endpoint.outputPrice.toFixed(2)} out per 1M tokens`;
  out.line(`   #${endpoint.id} ${protocol.name.padEnd(9)} ${String(endpoint.model).padEnd(17)} ${prices}, simulated at ${baseURL}`);
}
out.line('');

try {
  await runStreamingStory(pool, providers, out);
} finally {
  await closePool(pool);
  await providers.close();
}
