import { anthropic } from '@fluxcore/anthropic';
import { cohere, cohereV1 } from '@fluxcore/cohere';
import { gemini } from '@fluxcore/gemini';
import { openai } from '@fluxcore/openai';
import { protocolCases, type ProtocolCase } from '@fluxcore/testkit';

/** The five built-in protocols of the matrix, from testkit's table. */
export const PROTOCOLS: readonly ProtocolCase[] = protocolCases({ openai, anthropic, gemini, cohere, 'cohere-v1': cohereV1 });

/** Every inbound x outbound pair, inbound-major. */
export const PAIRS: ReadonlyArray<readonly [ProtocolCase, ProtocolCase]> = PROTOCOLS.flatMap((inbound) =>
  PROTOCOLS.map((outbound) => [inbound, outbound] as const),
);
