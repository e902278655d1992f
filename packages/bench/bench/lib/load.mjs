// Load generation (autocannon) and the streaming probes (time to first byte, idle streams).
// autocannon's own histogram keeps whole milliseconds, so latencies are collected from its
// per-response event, which carries the exact time, and their percentiles computed here.
import autocannon from 'autocannon';
import { request as httpRequest, Agent } from 'node:http';

/**
 * Drive `target` with `connections` keep-alive connections, for `seconds` or for `amount`
 * requests. Resolves with requests per second and latency percentiles (ms, 2xx only).
 */
export function load({ url, headers, body, connections, seconds, amount }) {
  return new Promise((resolve, reject) => {
    const times = [];
    // A short sample interval: autocannon notices the end of a run only on its next sample tick.
    const options = { url, method: 'POST', headers, body, connections, timeout: 30, sampleInt: 50 };
    if (amount !== undefined) options.amount = amount;
    else options.duration = seconds;
    const instance = autocannon(options, (error, result) => {
      if (error) return reject(error);
      times.sort((a, b) => a - b);
      resolve({
        rps: times.length / result.duration,
        p50: percentile(times, 0.5),
        p99: percentile(times, 0.99),
        ok: times.length,
        failed: result.non2xx + result.errors + result.timeouts,
      });
    });
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) times.push(ms);
    });
  });
}

export function percentile(sorted, q) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });

/** One POST; resolves with the status, the ms to the first body byte, and the whole body. */
export function post(url, headers, body, agent = keepAlive) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = httpRequest(url, { method: 'POST', headers, agent }, (res) => {
      let firstByteMs;
      const parts = [];
      res.on('data', (chunk) => {
        firstByteMs ??= performance.now() - started;
        parts.push(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode, firstByteMs, body: Buffer.concat(parts).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Sequential streamed requests after a warm-up: median and p90 time to the first body byte. */
export async function timeToFirstByte({ url, headers, body, requests, warmup }) {
  for (let i = 0; i < warmup; i++) await post(url, headers, body);
  const times = [];
  for (let i = 0; i < requests; i++) times.push((await post(url, headers, body)).firstByteMs);
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p90: percentile(times, 0.9) };
}

/**
 * Open `count` streams at once and keep them open after their first chunk. Resolves with a
 * `close()` that ends them all, once every one has received its first chunk.
 */
export async function openIdleStreams({ url, headers, body, count }) {
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  const requests = [];
  const opened = [];
  for (let i = 0; i < count; i++) {
    opened.push(
      new Promise((resolve, reject) => {
        const req = httpRequest(url, { method: 'POST', headers, agent }, (res) => {
          if (res.statusCode !== 200) reject(new Error(`idle stream answered HTTP ${res.statusCode}`));
          res.once('data', () => resolve());
          res.on('error', () => {});
        });
        req.on('error', (error) => reject(error));
        req.end(body);
        requests.push(req);
      }),
    );
  }
  await Promise.all(opened);
  return {
    close: () => {
      for (const req of requests) req.destroy();
      agent.destroy();
    },
  };
}
