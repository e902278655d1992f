export { ollama } from './adapter.js';
export { chatURL } from './build-request.js';
