// Shared by the benchmark's server processes: listen on a free 127.0.0.1 port, tell the parent
// which one, answer its memory questions, and stop when the parent goes away.
import { once } from 'node:events';

/** Listen, then report `{ port }` to the parent process over IPC. */
export async function serve(server) {
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  process.send({ port: server.address().port });
  answerParent();
}

/** Answer `memory` requests (after a full GC when --expose-gc is on); exit with the parent. */
export function answerParent() {
  process.on('message', (message) => {
    if (message === 'memory') {
      globalThis.gc?.();
      globalThis.gc?.();
      process.send({ memory: process.memoryUsage() });
    }
  });
  process.on('disconnect', () => process.exit(0));
}
