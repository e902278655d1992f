import type { ChatResponse, JsonObject } from '@fluxcore/message';
import { parseAssistantContent } from './content-parse.js';
import { extrasField } from './own-extras.js';
import { storePositioned, UNMODELLED_BLOCKS } from './unmodelled.js';
import { finishReasonFromWire } from './finish-reason.js';
import { asArray, asObject, asString, badUpstream, isObject, leftovers, optionalString } from './read.js';
import { completeUsage, usageFromWire } from './usage.js';

/** Response fields the IR models; the rest (`stop_details`, `container`, ...) goes to extras. */
const MODELLED = ['id', 'type', 'role', 'model', 'content', 'stop_reason', 'stop_sequence', 'usage'];
/** Usage fields the IR models; the rest (`cache_creation`, `service_tier`, ...) goes to extras. */
const USAGE_COUNTS = ['input_tokens', 'output_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens', 'output_tokens_details'];

/**
 * Parse an Anthropic Messages response. Blocks the IR does not model (server tool calls and
 * their results) are kept opaque in extras, with their positions. Throws `upstream_protocol`.
 */
export function parseResponse(body: unknown): ChatResponse {
  const root = asObject(body, 'response', badUpstream);
  if (root.type === 'error') throw badUpstream('response', 'a message, got an error body with status 200');
  const { parts, unmodelled } = parseAssistantContent(asArray(root.content, 'response.content', badUpstream), 'response.content', badUpstream);
  const stopReason = optionalString(root, 'stop_reason', 'response', badUpstream);
  const stopSequence = optionalString(root, 'stop_sequence', 'response', badUpstream);
  const usage = usageFromWire(root.usage);
  const extras: JsonObject = leftovers(root, MODELLED) ?? {};
  if (unmodelled.length > 0) extras[UNMODELLED_BLOCKS] = storePositioned(unmodelled);
  const usageRest = isObject(root.usage) ? leftovers(root.usage, USAGE_COUNTS) : undefined;
  if (usageRest !== undefined) extras.usage = usageRest;
  if (stopReason === undefined) throw badUpstream('response.stop_reason', 'a string');
  return {
    id: asString(root.id, 'response.id', badUpstream),
    model: optionalString(root, 'model', 'response', badUpstream) ?? '',
    content: parts,
    finishReason: finishReasonFromWire(stopReason),
    rawFinishReason: stopReason,
    ...(stopSequence === undefined ? {} : { stopSequence }),
    ...(usage === undefined ? {} : { usage: completeUsage(usage) }),
    ...extrasField(extras),
  };
}
