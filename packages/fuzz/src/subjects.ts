import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { anthropic } from '@fluxcore/anthropic';
import { cohere, cohereV1 } from '@fluxcore/cohere';
import { gemini } from '@fluxcore/gemini';
import { isObject, type ProtocolAdapter } from '@fluxcore/message';
import { openai } from '@fluxcore/openai';
import { vocabularyOf, type Vocabulary } from './json.js';
import { framesOf, framesOfBytes, type Framing } from './wire.js';

/** A named fixture. */
export interface Named<T> {
  name: string;
  value: T;
}

/** One adapter under fuzzing, with the valid payloads its package ships as fixtures. */
export interface Subject {
  adapter: ProtocolAdapter;
  framing: Framing;
  requests: Named<unknown>[];
  responses: Named<unknown>[];
  /** Error bodies as the provider sends them (fixtures, else the documented shape). */
  errorBodies: Named<unknown>[];
  /** Complete streams that must decode without an error. */
  streams: Named<string>[];
  /** Streams that end with an in-band provider error. */
  errorStreams: Named<string>[];
  /** The `event:` names the protocol uses. */
  eventNames: string[];
  vocabulary: Vocabulary;
  /** True for a frame that carries a provider error the decoder reports with its own category. */
  isErrorFrame(event: string | undefined, data: unknown): boolean;
  /** True for a 200 body that carries a provider error parseResponse reports with its own category. */
  isErrorResponse(body: unknown): boolean;
  /**
   * Properties this adapter does not pass yet, each with the bug that fails it (reported to
   * the adapter's owner). They are skipped, visibly, until the adapter is fixed: delete the
   * entry then.
   */
  pending: { deepNesting?: string };
}

const require = createRequire(import.meta.url);

/** Every file under a package's `src/__fixtures__/`, by path relative to it. */
function fixtureFiles(packageName: string, under = ''): Map<string, string> {
  const root = join(dirname(require.resolve(`${packageName}/package.json`)), 'src', '__fixtures__', under);
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(root, path), readFileSync(path, 'utf8'));
    }
  };
  walk(root);
  return files;
}

interface SubjectSpec {
  adapter: ProtocolAdapter;
  framing: Framing;
  packageName: string;
  /** Sub-directory of `__fixtures__` (Cohere keeps v1 and v2 apart). */
  under?: string;
  /** Error bodies in the provider's documented shape, for packages without error fixtures. */
  extraErrorBodies?: Named<unknown>[];
  isErrorFrame: Subject['isErrorFrame'];
  isErrorResponse?: Subject['isErrorResponse'];
  pending?: Subject['pending'];
}

function subject(spec: SubjectSpec): Subject {
  const files = fixtureFiles(spec.packageName, spec.under);
  const json = [...files].filter(([name]) => name.endsWith('.json')).map(([name, text]) => ({ name, value: JSON.parse(text) as unknown }));
  const wires = [...files].filter(([name]) => name.endsWith('.sse') || name.endsWith('.ndjson')).map(([name, value]) => ({ name, value }));
  const requests = json.filter(({ name }) => name.startsWith('request'));
  const errorBodies = [...json.filter(({ name }) => name.startsWith('error')), ...(spec.extraErrorBodies ?? [])];
  const responses = json.filter((fixture) => !requests.includes(fixture) && !errorBodies.includes(fixture));
  const frames = wires.flatMap(({ value }) => framesOf(value, spec.framing));
  const frameData = frames.map((frame) => safeParse(frame.data));
  return {
    adapter: spec.adapter,
    framing: spec.framing,
    requests,
    responses,
    errorBodies,
    streams: wires.filter(({ name }) => !name.includes('error')),
    errorStreams: wires.filter(({ name }) => name.includes('error')),
    eventNames: [...new Set(frames.map((frame) => frame.event).filter((event): event is string => event !== undefined))],
    vocabulary: vocabularyOf([...json.map(({ value }) => value), ...frameData]),
    isErrorFrame: spec.isErrorFrame,
    isErrorResponse: spec.isErrorResponse ?? (() => false),
    pending: spec.pending ?? {},
  };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const nonEmptyString = (value: unknown): boolean => typeof value === 'string' && value !== '';

/** The five adapters, each with what its package ships. */
export const SUBJECTS: readonly Subject[] = [
  subject({
    adapter: openai,
    framing: 'sse',
    packageName: '@fluxcore/openai',
    // `data: {"error": ...}`, or an `event: error` frame.
    isErrorFrame: (event, data) => isObject(data) && ((data.error !== undefined && data.error !== null) || event === 'error'),
    isErrorResponse: (body) => isObject(body) && body.error !== undefined && body.error !== null,
  }),
  subject({
    adapter: anthropic,
    framing: 'sse',
    packageName: '@fluxcore/anthropic',
    extraErrorBodies: [
      { name: 'overloaded', value: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' }, request_id: 'req_011CSHoEeqs5C35K2UUqR7Fy' } },
      { name: 'invalid', value: { type: 'error', error: { type: 'invalid_request_error', message: 'messages: at least one message is required' } } },
    ],
    isErrorFrame: (event, data) => isObject(data) && event !== 'ping' && (event ?? data.type) === 'error',
  }),
  subject({
    adapter: gemini,
    framing: 'sse',
    packageName: '@fluxcore/gemini',
    isErrorFrame: (_event, data) => isObject(data) && isObject(data.error),
    isErrorResponse: (body) => isObject(body) && isObject(body.error),
  }),
  subject({
    adapter: cohere,
    framing: 'sse',
    packageName: '@fluxcore/cohere',
    under: 'v2',
    extraErrorBodies: [
      { name: 'invalid', value: { id: 'e1', message: 'invalid request: messages must not be empty' } },
      { name: 'too-many-tokens', value: { message: 'too many tokens: total number of tokens in the prompt cannot exceed 128000' } },
    ],
    isErrorFrame: (event, data) => {
      if (!isObject(data)) return false;
      if (event === 'error' || data.type === 'error') return true;
      const delta = isObject(data.delta) ? data.delta : {};
      return data.type === 'message-end' && (nonEmptyString(delta.error) || delta.finish_reason === 'ERROR');
    },
  }),
  subject({
    adapter: cohereV1,
    framing: 'ndjson',
    packageName: '@fluxcore/cohere',
    under: 'v1',
    extraErrorBodies: [{ name: 'invalid', value: { message: 'invalid api token' } }],
    isErrorFrame: (_event, data) => {
      if (!isObject(data) || data.event_type !== 'stream-end') return false;
      const response = isObject(data.response) ? data.response : {};
      return (typeof data.finish_reason === 'string' ? data.finish_reason : response.finish_reason) === 'ERROR';
    },
  }),
];

/**
 * Whether a wire stream holds a frame the subject's decoder may report as a provider error.
 * Frames are read with the real SSE/NDJSON decoders (fuzzed on their own against a reference).
 */
export function hasErrorFrame(subject: Subject, wire: Uint8Array): boolean {
  return framesOfBytes(wire, subject.framing).some((frame) => subject.isErrorFrame(frame.event, safeParse(frame.data)));
}
