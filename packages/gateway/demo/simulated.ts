// The demo's simulated providers: fluxcore's own test upstreams (private @fluxcore/testkit,
// TypeScript source only), bundled to plain JavaScript by `demo/tsup.config.ts` so that the
// demo runs on Node 20 against the built packages.
export { anthropicSimulator, cohereSimulator, geminiSimulator, openaiSimulator, startUpstream } from '@fluxcore/testkit';
