// Type-level consumer: the public types compile against the published .d.ts files.
import { runAdapterConformance, type AdapterConformanceOptions, type GrammarResult } from '@fluxcore/adapter-kit';
import { FluxError, type ErrorCategory } from '@fluxcore/errors';
import { estimateRequestTokens, type ChatRequest, type ProtocolAdapter } from '@fluxcore/message';
import { Endpoint, EndpointPool } from '@fluxcore/routing';

const request: ChatRequest = {
  stream: false,
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
  maxTokens: 0,
};
const tokens: number = estimateRequestTokens(request);
const category: ErrorCategory = new FluxError({ category: 'network', message: 'reset' }).category;

declare const adapter: ProtocolAdapter;
const pool = new EndpointPool([new Endpoint({ id: 1, key: { baseURL: 'https://a.example', apiKey: 'k-123456', protocol: adapter } })], { retries: 1 });
const chosen: Endpoint | undefined = pool.select({ inputTokens: tokens });

declare const kitOptions: AdapterConformanceOptions;
declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => void | Promise<void>, timeout?: number): void;
runAdapterConformance({ ...kitOptions, describe, it });
const grammar: GrammarResult = kitOptions.grammar('data: [DONE]\n\n');
export { category, chosen, grammar };
