import {
  expectArray,
  expectObject,
  expectString,
  isObject,
  optionalString,
  unknownFields,
  upstreamProtocol,
  type ChatResponse,
  type JsonObject,
} from '@fluxcore/message';
import { parseAssistantContent } from './content-parse.js';
import { STOP_REASONS } from './finish-reason.js';
import { extrasField, PROTOCOL } from './own-extras.js';
import { storePositioned, UNMODELLED_BLOCKS } from './unmodelled.js';
import { completeUsage, usageFromWire } from './usage.js';

const fromUpstream = upstreamProtocol(PROTOCOL);

/** Response fields the IR models; the rest (`stop_details`, `container`, ...) goes to extras. */
const MODELLED: ReadonlySet<string> = new Set(['id', 'type', 'role', 'model', 'content', 'stop_reason', 'stop_sequence', 'usage']);
/** Usage fields the IR models; the rest (`cache_creation`, `service_tier`, ...) goes to extras. */
const USAGE_COUNTS: ReadonlySet<string> = new Set([
  'input_tokens',
  'output_tokens',
  'cache_creation_input_tokens',
  'cache_read_input_tokens',
  'output_tokens_details',
]);

/**
 * Parse an Anthropic Messages response. Blocks the IR does not model (server tool calls and
 * their results) are kept opaque in extras, with their positions. Throws `upstream_protocol`.
 */
export function parseResponse(body: unknown): ChatResponse {
  const root = expectObject(body, 'response', fromUpstream);
  if (root.type === 'error') throw fromUpstream('response', 'a message, got an error body with status 200');
  const { parts, unmodelled } = parseAssistantContent(expectArray(root.content, 'response.content', fromUpstream), 'response.content', fromUpstream);
  const stopReason = expectString(root.stop_reason, 'response.stop_reason', fromUpstream);
  const stopSequence = optionalString(root.stop_sequence, 'response.stop_sequence', fromUpstream);
  const usage = usageFromWire(root.usage);
  const extras: JsonObject = unknownFields(root, MODELLED) ?? {};
  if (unmodelled.length > 0) extras[UNMODELLED_BLOCKS] = storePositioned(unmodelled);
  const usageRest = isObject(root.usage) ? unknownFields(root.usage, USAGE_COUNTS) : undefined;
  if (usageRest !== undefined) extras.usage = usageRest;
  return {
    id: expectString(root.id, 'response.id', fromUpstream),
    model: optionalString(root.model, 'response.model', fromUpstream) ?? '',
    content: parts,
    finishReason: STOP_REASONS.canonical(stopReason),
    rawFinishReason: stopReason,
    ...(stopSequence === undefined ? {} : { stopSequence }),
    ...(usage === undefined ? {} : { usage: completeUsage(usage) }),
    ...extrasField(extras),
  };
}
