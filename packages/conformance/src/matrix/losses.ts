import type { PartDigest, RequestDigest } from '@fluxcore/adapter-kit';
import { DEFAULT_MAX_TOKENS } from '@fluxcore/message';
import type { ProtocolName } from '@fluxcore/testkit';

/**
 * A documented conversion loss: what an upstream protocol cannot carry (from each adapter's
 * README), applied to the client's digest to get what the upstream body must say. Everything
 * not listed here must survive unchanged.
 */
export interface Loss {
  outbound: ProtocolName;
  what: string;
  why: string;
  apply(digest: RequestDigest, inbound: ProtocolName): void;
}

const FAMILY: Readonly<Record<ProtocolName, string>> = {
  openai: 'openai',
  anthropic: 'anthropic',
  gemini: 'gemini',
  cohere: 'cohere',
  'cohere-v1': 'cohere',
};

export const LOSSES: readonly Loss[] = [
  { outbound: 'openai', what: '`top_k`', why: 'Chat Completions rejects it', apply: (d) => void delete d.topK },
  {
    outbound: 'openai',
    what: 'reasoning in history (unless it came from `reasoning_content`)',
    why: 'Chat Completions takes no reasoning input',
    apply: (d, inbound) => keepReasoning(d, (p) => inbound === 'openai' && p.signature === undefined),
  },
  { outbound: 'anthropic', what: '`seed`', why: 'Messages has no seed', apply: (d) => void delete d.seed },
  {
    outbound: 'anthropic',
    what: 'reasoning without an Anthropic signature',
    why: 'Anthropic rejects thinking it did not sign',
    apply: (d) => keepReasoning(d, (p) => p.signature?.startsWith('anthropic:') === true),
  },
  {
    outbound: 'anthropic',
    what: 'no max tokens',
    why: '`max_tokens` is required: `DEFAULT_MAX_TOKENS` is sent',
    apply: (d) => void (d.maxTokens ??= DEFAULT_MAX_TOKENS),
  },
  { outbound: 'gemini', what: 'parallel-call switch', why: 'no Gemini field', apply: (d) => void delete d.parallelToolCalls },
  { outbound: 'gemini', what: 'end-user id', why: 'no Gemini field', apply: (d) => void delete d.user },
  {
    outbound: 'gemini',
    what: 'reasoning signed by another family',
    why: 'a signature is never sent to another family; unsigned reasoning goes as thought text',
    apply: (d) => keepReasoning(d, (p) => p.signature === undefined || p.signature.startsWith('gemini:')),
  },
  { outbound: 'cohere', what: 'parallel-call switch', why: 'no Cohere field', apply: (d) => void delete d.parallelToolCalls },
  { outbound: 'cohere', what: 'end-user id', why: 'no Cohere field', apply: (d) => void delete d.user },
  {
    outbound: 'cohere',
    what: 'reasoning signatures',
    why: 'Cohere thinking has none; the text is sent',
    apply: (d) => mapReasoning(d, (p) => ({ reasoning: p.reasoning })),
  },
  {
    outbound: 'cohere',
    what: 'named tool choice',
    why: 'approximated as `REQUIRED` with only that tool sent',
    apply: (d) => narrowToNamedTool(d, 'required'),
  },
  { outbound: 'cohere-v1', what: 'parallel-call switch', why: 'no v1 field', apply: (d) => void delete d.parallelToolCalls },
  { outbound: 'cohere-v1', what: 'end-user id', why: 'no v1 field', apply: (d) => void delete d.user },
  { outbound: 'cohere-v1', what: 'reasoning (history and settings)', why: 'v1 has no reasoning', apply: (d) => dropAllReasoning(d) },
  {
    outbound: 'cohere-v1',
    what: 'tool choice',
    why: 'v1 has none: `none` sends no tools, a named tool is sent alone, `required` is dropped',
    apply: (d) => {
      if (d.toolChoice === 'none') delete d.tools;
      narrowToNamedTool(d, undefined);
      delete d.toolChoice;
    },
  },
];

/** The digest the upstream request must have, given the client's. */
export function expectedUpstream(client: RequestDigest, inbound: ProtocolName, outbound: ProtocolName): RequestDigest {
  const expected = structuredClone(client);
  for (const loss of LOSSES) if (loss.outbound === outbound) loss.apply(expected, inbound);
  mapReasoning(expected, (p) => (p.signature === undefined || p.signature.startsWith(`${FAMILY[outbound]}:`) ? p : { reasoning: p.reasoning }));
  return expected;
}

type ReasoningDigest = Extract<PartDigest, { reasoning: string }>;

function isReasoning(part: PartDigest): part is ReasoningDigest {
  return 'reasoning' in part;
}

function keepReasoning(digest: RequestDigest, keep: (part: ReasoningDigest) => boolean): void {
  for (const turn of digest.turns) turn.parts = turn.parts.filter((p) => !isReasoning(p) || keep(p));
  digest.turns = digest.turns.filter((t) => t.parts.length > 0);
}

function mapReasoning(digest: RequestDigest, map: (part: ReasoningDigest) => ReasoningDigest): void {
  for (const turn of digest.turns) turn.parts = turn.parts.map((p) => (isReasoning(p) ? map(p) : p));
}

function dropAllReasoning(digest: RequestDigest): void {
  keepReasoning(digest, () => false);
  delete digest.reasoning;
}

function narrowToNamedTool(digest: RequestDigest, choice: string | undefined): void {
  if (!digest.toolChoice?.startsWith('tool:')) return;
  const name = digest.toolChoice.slice('tool:'.length);
  digest.tools = digest.tools?.filter((t) => t.name === name);
  if (choice === undefined) delete digest.toolChoice;
  else digest.toolChoice = choice;
}
