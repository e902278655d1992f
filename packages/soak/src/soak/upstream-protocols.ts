import { anthropic } from '@fluxcore/anthropic';
import { cohere, cohereV1 } from '@fluxcore/cohere';
import { gemini } from '@fluxcore/gemini';
import type { ProtocolAdapter } from '@fluxcore/message';
import { openai } from '@fluxcore/openai';
import { anthropicSimulator, cohereSimulator, cohereV1Simulator, geminiSimulator, openaiSimulator, type ProviderSimulator } from '@fluxcore/testkit';

/** One upstream protocol: its adapter, and the testkit simulator that speaks it. */
export interface UpstreamProtocol {
  readonly name: string;
  readonly adapter: ProtocolAdapter;
  readonly simulator: ProviderSimulator;
}

/** The five built-in protocols an upstream may speak. */
export const UPSTREAM_PROTOCOLS: readonly UpstreamProtocol[] = [
  { name: 'openai', adapter: openai, simulator: openaiSimulator },
  { name: 'anthropic', adapter: anthropic, simulator: anthropicSimulator },
  { name: 'gemini', adapter: gemini, simulator: geminiSimulator },
  { name: 'cohere', adapter: cohere, simulator: cohereSimulator },
  { name: 'cohere-v1', adapter: cohereV1, simulator: cohereV1Simulator },
];
