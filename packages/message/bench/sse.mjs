// SseDecoder vs eventsource-parser 3.1.1 on a realistic OpenAI Chat Completions stream.
// Both start from bytes, as they would on a real socket: eventsource-parser gets text from a
// streaming TextDecoder, our decoder decodes internally. Run after `pnpm build`.
import { SseDecoder } from '@fluxcore/message';
import { createParser } from 'eventsource-parser';
import { bench, do_not_optimize, run, summary } from 'mitata';

const EVENTS = 200;
const words = ['The', ' quick', ' brown', ' fox', ' jumps', ' over', ' the', ' lazy', ' dog', '.', ' 你好', ' world', '\\n', ' — ', ' "quoted"'];

function openAiStream() {
  const head = {
    id: 'chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT',
    object: 'chat.completion.chunk',
    created: 1741569952,
    model: 'gpt-4.1-mini-2025-04-14',
    service_tier: 'default',
    system_fingerprint: 'fp_6ec83003ad',
  };
  const frames = [];
  const chunk = (delta, finish = null, extra = {}) => ({ ...head, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...extra });
  frames.push(chunk({ role: 'assistant', content: '', refusal: null }));
  for (let i = 0; i < EVENTS - 4; i++) frames.push(chunk({ content: words[i % words.length] }));
  frames.push(chunk({}, 'stop'));
  frames.push({
    ...head,
    choices: [],
    usage: {
      prompt_tokens: 19,
      completion_tokens: 196,
      total_tokens: 215,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    },
  });
  const texts = frames.map((f) => `data: ${JSON.stringify(f)}\n\n`);
  texts.push('data: [DONE]\n\n');
  return texts;
}

const utf8 = new TextEncoder();
const eventTexts = openAiStream();
const perEvent = eventTexts.map((t) => utf8.encode(t));
const whole = utf8.encode(eventTexts.join(''));
const kilobyte = [];
for (let i = 0; i < whole.length; i += 1024) kilobyte.push(whole.subarray(i, i + 1024));

/** Our decoder takes bytes and text alike. */
function ours(chunks) {
  const decoder = new SseDecoder();
  let n = 0;
  for (const c of chunks) n += decoder.push(c).length;
  return n + decoder.end().length;
}

function theirsText(chunks) {
  let n = 0;
  const parser = createParser({ onEvent: () => n++ });
  for (const c of chunks) parser.feed(c);
  return n;
}

function theirs(chunks) {
  const text = new TextDecoder();
  let n = 0;
  const parser = createParser({ onEvent: () => n++ });
  for (const c of chunks) parser.feed(text.decode(c, { stream: true }));
  parser.feed(text.decode());
  return n;
}

const streamingText = new TextDecoder();
const kilobyteText = kilobyte.map((c) => streamingText.decode(c, { stream: true }));
const perEventText = eventTexts;
for (const [label, chunks] of [
  ['1 KB chunks', kilobyte],
  ['per-event chunks', perEvent],
]) {
  if (ours(chunks) !== EVENTS || theirs(chunks) !== EVENTS) throw new Error(`${label}: decoders disagree on the event count`);
}

console.log(`stream: ${EVENTS} events, ${whole.length} bytes; ${kilobyte.length} chunks of 1 KB or ${perEvent.length} per-event chunks`);

// A CR-only stream in one large chunk: eventsource-parser's CR path searches for LF from every
// line start to the end of the chunk (quadratic); ours remembers where the next LF is.
const crText = Array.from({ length: 8000 }, (_, i) => `data: {"i":${i}}\r\r`).join('');

/** Each case: its label, its chunks, how eventsource-parser reads them, and the stream's size. */
const cases = [
  // Bytes in, as from a socket; then parsing alone, from text already decoded.
  ['1 KB chunks', kilobyte, theirs, whole.length],
  ['per-event chunks', perEvent, theirs, whole.length],
  ['text in, 1 KB chunks', kilobyteText, theirsText, whole.length],
  ['text in, per-event chunks', perEventText, theirsText, whole.length],
  ['CR line ends, 8000 events in one chunk', [crText], theirsText, crText.length],
];
for (const [label, chunks, theirsOf] of cases) {
  summary(() => {
    bench(`SseDecoder, ${label}`, () => do_not_optimize(ours(chunks))).baseline(true);
    bench(`eventsource-parser, ${label}`, () => do_not_optimize(theirsOf(chunks)));
  });
}

const { benchmarks } = await run();
// Medians: robust against the other processes of a shared machine.
const median = Object.fromEntries(benchmarks.map((b) => [b.alias, b.runs[0].stats.p50]));
console.log('\nmedian time per stream (ratio > 1: SseDecoder is faster)');
for (const [label, , , bytes] of cases) {
  const a = median[`SseDecoder, ${label}`];
  const b = median[`eventsource-parser, ${label}`];
  const mbps = (ns) => (bytes / 1e6 / (ns / 1e9)).toFixed(0);
  console.log(
    `${label.padEnd(40)} SseDecoder ${(a / 1000).toFixed(1).padStart(7)} µs (${mbps(a)} MB/s)  eventsource-parser ${(b / 1000).toFixed(1).padStart(7)} µs (${mbps(b)} MB/s)  ratio ${(b / a).toFixed(2)}`,
  );
}
