export { anthropic } from './adapter.js';
export { ANTHROPIC_VERSION, messagesURL } from './build-request.js';
export { MIN_THINKING_BUDGET, planThinking, type ThinkingPlan } from './thinking.js';
