import type { ServerResponse } from 'node:http';

/** Counters the server keeps per call while writing its answer. */
export interface WriteProgress {
  bytesSent: number;
  /** True while the server waits for the client to drain its socket (TCP backpressure). */
  backpressured: boolean;
}

/**
 * Resolves after `ms`, or as soon as the response closes (the client went away), so that a
 * delayed or paced answer never outlives its connection. Returns false when the response closed.
 */
export function pause(res: ServerResponse, ms: number, timers: Set<NodeJS.Timeout>): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer);
      timers.delete(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      timers.delete(timer);
      res.off('close', onClose);
      resolve(!res.destroyed);
    }, ms);
    timers.add(timer);
    res.once('close', onClose);
  });
}

/**
 * Write one chunk, honouring backpressure: when the socket buffer is full, wait for `drain`
 * (or for the client to go away). Returns false when the response closed.
 */
export async function writeChunk(res: ServerResponse, chunk: string, progress: WriteProgress): Promise<boolean> {
  if (res.destroyed) return false;
  const flushed = res.write(chunk);
  progress.bytesSent += Buffer.byteLength(chunk);
  if (flushed) return true;
  progress.backpressured = true;
  const drained = await new Promise<boolean>((resolve) => {
    const onDrain = (): void => {
      res.off('close', onClose);
      resolve(true);
    };
    const onClose = (): void => {
      res.off('drain', onDrain);
      resolve(false);
    };
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
  progress.backpressured = false;
  return drained;
}

/** Write `bytes` of filler, `unit` at a time (the last one cut to size), honouring backpressure. */
export async function writeFiller(res: ServerResponse, bytes: number, unit: string, progress: WriteProgress): Promise<boolean> {
  let left = bytes;
  while (left > 0) {
    const piece = left >= unit.length ? unit : unit.slice(unit.length - left);
    if (!(await writeChunk(res, piece, progress))) return false;
    left -= piece.length;
  }
  return true;
}
