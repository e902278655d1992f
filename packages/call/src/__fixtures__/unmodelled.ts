import type { JsonObject, JsonValue } from '@fluxcore/message';
import type { ProtocolCase, ProviderSimulator } from '@fluxcore/testkit';

/** A provider that also sends what the IR does not model, and records the frames it sent. */
export interface UnmodelledProvider {
  simulator: ProviderSimulator;
  /** The frames of each streamed answer, in order of the calls. */
  sent: string[][];
  /** How many frames open each stream before its first content. */
  leadFrames: number;
  /** Text found only in the enriched frames. */
  marker: string;
}

/** Rewrites a simulator's stream the way the real provider's would look with more features on. */
interface Enrichment {
  enrich(frames: string[]): string[];
  leadFrames: number;
  marker: string;
}

/**
 * The simulator of `protocol`, its streams enriched with fields and events fluxcore's IR does
 * not model (OpenAI logprobs, Anthropic server tools and citations, Gemini safety ratings, Cohere
 * citations and logprobs...): the same-protocol fast path must deliver them unchanged.
 */
export function withUnmodelledFields(protocol: ProtocolCase): UnmodelledProvider {
  const { enrich, leadFrames, marker } = ENRICHMENTS[protocol.name]!;
  const sent: string[][] = [];
  const simulator: ProviderSimulator = {
    ...protocol.simulator,
    renderStream(scenario, model) {
      const frames = enrich(protocol.simulator.renderStream(scenario, model));
      sent.push(frames);
      return frames;
    },
  };
  return { simulator, sent, leadFrames, marker };
}

/** Edit the JSON of one SSE frame (`[event: x\n]data: {...}` and its blank line) or NDJSON line. */
function editJson(frame: string, edit: (data: JsonObject) => void): string {
  const match = /^((?:event: [^\n]*\n)?(?:data: )?)(\{.*\})(\s+)$/s.exec(frame);
  if (match === null) return frame;
  const data = JSON.parse(match[2]!) as JsonObject;
  edit(data);
  return `${match[1]}${JSON.stringify(data)}${match[3]}`;
}

function object(value: JsonValue | undefined): JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
}

const anthropicEvent = (data: JsonObject): string => `event: ${String(data.type)}\ndata: ${JSON.stringify(data)}\n\n`;
const cohereEvent = anthropicEvent;
const ndjson = (data: JsonObject): string => `${JSON.stringify(data)}\n`;

const CITATION = { start: 0, end: 9, text: 'Streaming', sources: [{ type: 'document', id: 'doc_0', document: { snippet: 'On streams.', title: 'Streams' } }] };

const ENRICHMENTS: Record<string, Enrichment> = {
  openai: {
    marker: '"top_logprobs"',
    // OpenRouter's keep-alive comment, then the role chunk.
    leadFrames: 2,
    enrich: (frames) => [
      ': OPENROUTER PROCESSING\n\n',
      ...frames.map((frame) =>
        editJson(frame, (chunk) => {
          chunk.x_request_meta = { region: 'eu', cached: false };
          const [choice] = Array.isArray(chunk.choices) ? chunk.choices : [];
          if (choice === undefined) return;
          object(choice).logprobs = { content: [{ token: 'Str', logprob: -0.0125, bytes: [83, 116, 114], top_logprobs: [] }], refusal: null };
        }),
      ),
    ],
  },
  anthropic: {
    marker: 'citations_delta',
    // message_start, a web search (server tool use and its result: 5 frames), the text block's start and ping.
    leadFrames: 8,
    enrich: (frames) => {
      const out: string[] = [];
      let citedOnce = false;
      for (const frame of frames) {
        const shifted = editJson(frame, (data) => {
          if (typeof data.index === 'number') data.index += 2;
          if (data.type === 'message_start') object(data.message).container = { id: 'container_011', expires_at: '2026-12-01T00:00:00Z' };
          if (data.type === 'message_delta') object(data.usage).server_tool_use = { web_search_requests: 1 };
        });
        out.push(shifted);
        if (shifted.startsWith('event: message_start')) {
          out.push(
            anthropicEvent({
              type: 'content_block_start',
              index: 0,
              content_block: { type: 'server_tool_use', id: 'srvtoolu_01', name: 'web_search', input: {} },
            }),
            anthropicEvent({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"query":"streams"}' } }),
            anthropicEvent({ type: 'content_block_stop', index: 0 }),
            anthropicEvent({
              type: 'content_block_start',
              index: 1,
              content_block: {
                type: 'web_search_tool_result',
                tool_use_id: 'srvtoolu_01',
                content: [{ type: 'web_search_result', url: 'https://example.com/streams', title: 'Streams', encrypted_content: 'EqgfCioI', page_age: null }],
              },
            }),
            anthropicEvent({ type: 'content_block_stop', index: 1 }),
          );
        }
        if (!citedOnce && shifted.includes('"text_delta"')) {
          citedOnce = true;
          out.push(
            anthropicEvent({
              type: 'content_block_delta',
              index: 2,
              delta: {
                type: 'citations_delta',
                citation: {
                  type: 'web_search_result_location',
                  cited_text: 'Streaming',
                  url: 'https://example.com/streams',
                  title: 'Streams',
                  encrypted_index: 'Eo8BCioI',
                },
              },
            }),
          );
        }
      }
      return out;
    },
  },
  gemini: {
    marker: 'safetyRatings',
    leadFrames: 0,
    enrich: (frames) =>
      frames.map((frame) =>
        editJson(frame, (chunk) => {
          const [candidate] = Array.isArray(chunk.candidates) ? chunk.candidates : [];
          if (candidate === undefined) return;
          object(candidate).safetyRatings = [{ category: 'HARM_CATEGORY_HARASSMENT', probability: 'NEGLIGIBLE' }];
          object(candidate).citationMetadata = { citationSources: [{ startIndex: 0, endIndex: 9, uri: 'https://example.com/streams' }] };
          chunk.promptFeedback = { safetyRatings: [{ category: 'HARM_CATEGORY_HATE_SPEECH', probability: 'NEGLIGIBLE' }] };
        }),
      ),
  },
  cohere: {
    marker: 'citation-start',
    // message-start, content-start.
    leadFrames: 2,
    enrich: (frames) =>
      frames.flatMap((frame) => {
        const edited = editJson(frame, (data) => {
          if (data.type === 'content-delta') data.logprobs = { token_ids: [3845], logprobs: [-0.031] };
        });
        if (!frame.startsWith('event: message-end')) return [edited];
        return [
          cohereEvent({ type: 'citation-start', index: 0, delta: { message: { citations: CITATION } } }),
          cohereEvent({ type: 'citation-end', index: 0 }),
          edited,
        ];
      }),
  },
  'cohere-v1': {
    marker: 'search-queries-generation',
    // stream-start, search-queries-generation.
    leadFrames: 2,
    enrich: (frames) =>
      frames.flatMap((frame) => {
        const edited = editJson(frame, (data) => {
          if (data.event_type === 'stream-end') object(data.response).citations = [{ start: 0, end: 9, text: 'Streaming', document_ids: ['doc_0'] }];
        });
        if (frame.includes('"stream-start"')) {
          return [edited, ndjson({ is_finished: false, event_type: 'search-queries-generation', search_queries: [{ text: 'streams', generation_id: 'q_0' }] })];
        }
        if (frame.includes('"stream-end"')) {
          return [
            ndjson({ is_finished: false, event_type: 'citation-generation', citations: [{ start: 0, end: 9, text: 'Streaming', document_ids: ['doc_0'] }] }),
            edited,
          ];
        }
        return [edited];
      }),
  },
};
