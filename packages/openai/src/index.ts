export { azureOpenAI, openai } from './adapter.js';
export { chatCompletionsURL, type AzureOpenAIOptions } from './endpoint.js';
