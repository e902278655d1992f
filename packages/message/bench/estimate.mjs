// estimateTokens throughput on 10 KB of English and 10 KB (UTF-8) of Chinese, next to the
// seed's estimator (for...of + codePointAt) measured in the same run. Target: >= 50 MB/s on ASCII.
// Run after `pnpm build`.
import { readFileSync } from 'node:fs';
import { estimateTokens } from '@fluxcore/message';
import { bench, do_not_optimize, run, summary } from 'mitata';

const fixture = (name) => readFileSync(new URL(`../src/__fixtures__/estimate/${name}.txt`, import.meta.url), 'utf8');
const utf8 = new TextEncoder();

/** Repeat a text, cut at a character boundary, to take at most `bytes` UTF-8 bytes. */
function sized(text, bytes) {
  let out = '';
  let used = 0;
  for (;;) {
    for (const ch of text) {
      const cp = ch.codePointAt(0);
      const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (used + size > bytes) return out;
      out += ch;
      used += size;
    }
  }
}

/** The seed's estimator, for comparison. */
function seedEstimate(text) {
  if (text.length === 0) return 0;
  let cjk = 0;
  let other = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    if (cp >= 0x4e00 && cp <= 0x9fff) cjk++;
    else other++;
  }
  return Math.floor((cjk * 2) / 3) + Math.floor(other / 4) + 1;
}

const texts = { English: sized(fixture('english'), 10 * 1024), Chinese: sized(fixture('chinese'), 10 * 1024) };
for (const [name, text] of Object.entries(texts)) {
  summary(() => {
    bench(`estimateTokens, 10 KB ${name}`, () => do_not_optimize(estimateTokens(text))).baseline(true);
    bench(`seed estimator, 10 KB ${name}`, () => do_not_optimize(seedEstimate(text)));
  });
}

const { benchmarks } = await run();
const median = Object.fromEntries(benchmarks.map((b) => [b.alias, b.runs[0].stats.p50]));
console.log('\nmedian throughput (UTF-8 bytes per second)');
for (const [name, text] of Object.entries(texts)) {
  const bytes = utf8.encode(text).length;
  const rate = (ns) => `${(bytes / 1e6 / (ns / 1e9)).toFixed(0)} MB/s`;
  const ours = median[`estimateTokens, 10 KB ${name}`];
  const seed = median[`seed estimator, 10 KB ${name}`];
  console.log(
    `${name.padEnd(8)} ${bytes} bytes, ${text.length} chars: estimateTokens ${(ours / 1000).toFixed(1)} µs = ${rate(ours)}; seed ${rate(seed)}; ${(seed / ours).toFixed(1)}x the seed`,
  );
}
