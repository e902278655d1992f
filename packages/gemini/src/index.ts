export { gemini } from './adapter.js';
export { buildGeminiUrl, GEMINI_API_VERSION } from './url.js';
export { SKIP_SIGNATURE_VALIDATION } from './signature.js';
