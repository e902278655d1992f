export { cohere } from './v2/adapter.js';
export { cohereV1 } from './v1/adapter.js';
