// Child processes of the overhead benchmark: every server under test runs in its own process,
// so the load generator (this process) never shares an event loop with what it measures.
import { fork, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** A server process started by us: its port, pid, and (for ours) memory over IPC. */
export class ServerProcess {
  constructor(name, child, port) {
    this.name = name;
    this.child = child;
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
  }

  /** Resident set size now and at its peak, in bytes, from /proc. */
  rss() {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { now: kb('VmRSS'), peak: kb('VmHWM') };
  }

  /** User + system CPU time the process has used so far, in ms (from /proc, 10 ms ticks). */
  cpuMs() {
    const fields = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  }

  /** process.memoryUsage() of the server, after a full GC when it runs with --expose-gc. */
  async memory() {
    this.child.send('memory');
    const [message] = await once(this.child, 'message');
    return message.memory;
  }

  async stop() {
    children.delete(this.child);
    if (this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    await Promise.race([once(this.child, 'exit'), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

/** Fork one of our server scripts; it reports its port over IPC. */
export async function forkServer(name, script, { env = {}, execArgv = [] } = {}) {
  const child = fork(script, [], { env: { ...process.env, ...env }, execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  children.add(child);
  const [message] = await withTimeout(once(child, 'message'), 20_000, `${name} did not start`);
  return new ServerProcess(name, child, message.port);
}

/** Spawn a peer's own server (no IPC) on `port` and wait until it answers HTTP. */
export async function spawnServer(name, args, port, { env = {} } = {}) {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  children.add(child);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`);
    try {
      await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1_000) });
      return new ServerProcess(name, child, port);
    } catch {
      if (Date.now() > deadline) throw new Error(`${name} did not start within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
