export { anthropic } from './adapter.js';
export { ANTHROPIC_VERSION, messagesURL } from './endpoint.js';
export { MIN_THINKING_BUDGET, planThinking, type ThinkingPlan } from './thinking.js';
