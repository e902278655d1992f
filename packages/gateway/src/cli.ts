#!/usr/bin/env node
import { runCli } from './cli-run.js';

/** `fluxcore-gateway`: start, then shut down gracefully on SIGINT/SIGTERM (a second signal exits at once). */
async function main(): Promise<void> {
  const result = await runCli(process.argv.slice(2), { env: process.env, cwd: process.cwd(), stderr: process.stderr });
  if (result.gateway === undefined) {
    process.exitCode = result.exitCode;
    return;
  }
  const { gateway } = result;
  let stopping = false;
  const stop = (): void => {
    if (stopping) process.exit(1);
    stopping = true;
    gateway.shutdown().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
