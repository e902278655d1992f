import { anthropic } from '@fluxcore/anthropic';
import { cohere, cohereV1 } from '@fluxcore/cohere';
import { gemini } from '@fluxcore/gemini';
import { openai } from '@fluxcore/openai';
import { protocolCases, type ProtocolCase, type ProtocolName } from '@fluxcore/testkit';

/** The five built-in protocols, from testkit's table: each as a client and as an upstream. */
export const PROTOCOLS: readonly ProtocolCase[] = protocolCases({ openai, anthropic, gemini, cohere, 'cohere-v1': cohereV1 });

export function protocolNamed(name: ProtocolName): ProtocolCase {
  const found = PROTOCOLS.find((protocol) => protocol.name === name);
  if (found === undefined) throw new Error(`unknown protocol ${name}`);
  return found;
}
