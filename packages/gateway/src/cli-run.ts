import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { DestinationStream } from 'pino';
import { GatewayConfigError } from './config-issues.js';
import type { GatewayConfig } from './config-types.js';
import { configFromEnv } from './env-config.js';
import { createGateway, type Gateway } from './gateway.js';
import { loadConfigFile } from './load-config.js';

/** What the CLI reads and writes, injectable for tests. */
export interface CliIo {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Human-readable messages (usage, errors, the listening line). */
  stderr: { write(text: string): unknown };
  /** Where JSON log lines go (default stdout). */
  log?: DestinationStream;
}

/** The outcome of {@link runCli}: an exit code, or a running gateway. */
export type CliResult = { exitCode: number; gateway?: undefined } | { exitCode?: undefined; gateway: Gateway; url: string };

/** The config files looked for in the working directory, in this order, when no other source is given. */
export const DEFAULT_CONFIG_FILES = ['fluxcore.config.json', 'fluxcore.config.yaml', 'fluxcore.config.yml'] as const;

const USAGE = `Usage: fluxcore-gateway [--config FILE] [--port N] [--host HOST] [--check]

  -c, --config FILE  JSON or YAML (.yaml, .yml) config (default: $FLUXCORE_CONFIG, then
                     ./fluxcore.config.json, .yaml or .yml; without one, providers come from
                     OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY, COHERE_API_KEY,
                     DEEPSEEK_API_KEY, MISTRAL_API_KEY, GROQ_API_KEY)
  -p, --port N       port to listen on (overrides listen.port)
      --host HOST    interface to bind (overrides listen.host)
      --check        validate the config and exit
  -h, --help         show this help
`;

/**
 * Run the `fluxcore-gateway` command: parse the arguments, load the config (file, or the
 * environment), and start the gateway. Returns an exit code when there is nothing to run
 * (help, `--check`, a bad argument or config), else the running gateway.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<CliResult> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    io.stderr.write(`fluxcore-gateway: ${(error as Error).message}\n\n${USAGE}`);
    return { exitCode: 2 };
  }
  if (args.help === true) {
    io.stderr.write(USAGE);
    return { exitCode: 0 };
  }
  const port = args.port === undefined ? undefined : Number(args.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    io.stderr.write(`fluxcore-gateway: --port expects an integer between 0 and 65535, got ${JSON.stringify(args.port)}\n`);
    return { exitCode: 2 };
  }
  try {
    const { config, source } = loadConfig(args.config, io);
    const gateway = createGateway(config, { env: io.env, ...(io.log && { log: io.log }) });
    if (args.check === true) {
      io.stderr.write(`${source}: OK (${Object.keys(config.models).length} models, ${Object.keys(config.endpoints).length} endpoints)\n`);
      return { exitCode: 0 };
    }
    const url = await gateway.start(port, args.host);
    io.stderr.write(`fluxcore gateway listening on ${url} (config: ${source}; models: ${Object.keys(config.models).join(', ')})\n`);
    return { gateway, url };
  } catch (error) {
    io.stderr.write(`fluxcore-gateway: ${error instanceof GatewayConfigError ? error.message : `cannot start: ${(error as Error).message}`}\n`);
    return { exitCode: 1 };
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      config: { type: 'string', short: 'c' },
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      check: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }).values;
}

/** The config from `--config`, `$FLUXCORE_CONFIG`, `./fluxcore.config.{json,yaml,yml}`, or else the environment. */
function loadConfig(flag: string | undefined, io: CliIo): { config: GatewayConfig; source: string } {
  const file = flag ?? io.env.FLUXCORE_CONFIG ?? DEFAULT_CONFIG_FILES.find((name) => existsSync(resolve(io.cwd, name)));
  if (file !== undefined) return { config: loadConfigFile(resolve(io.cwd, file), { env: io.env }), source: file };
  return { config: configFromEnv(io.env), source: 'environment' };
}
