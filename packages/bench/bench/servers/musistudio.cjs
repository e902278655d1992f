// (e) @musistudio/llms 1.0.53 (Claude Code Router's server) converting Anthropic Messages to
// the OpenAI upstream. Its ESM build crashes on Node 20, so it is loaded with require.
const { default: Server } = require('@musistudio/llms');

async function main() {
  const port = Number(process.env.PORT);
  const server = new Server({
    logger: false,
    initialConfig: {
      HOST: '127.0.0.1',
      PORT: port,
      providers: [
        { name: 'mock', api_base_url: `${process.env.UPSTREAM_URL}/v1/chat/completions`, api_key: 'sk-bench-upstream', models: ['gpt-mock', 'hold'] },
      ],
    },
  });
  await server.start();
  process.send({ port });
  process.on('message', (message) => {
    if (message === 'memory') process.send({ memory: process.memoryUsage() });
  });
  process.on('disconnect', () => process.exit(0));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
