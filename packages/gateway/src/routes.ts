/** What a route does. */
export type RouteKind = 'chat' | 'list-models' | 'get-model' | 'list-gemini-models' | 'health' | 'metrics';

/** A route of the gateway. One frozen object per route, shared by every request. */
export interface Route {
  /** The path template, used as the `route` label in metrics and logs. */
  readonly name: string;
  readonly kind: RouteKind;
  /** Wire protocol of the caller (adapter name); errors on this route are rendered in it. */
  readonly protocol: string;
  /** The only method the route answers. */
  readonly method: 'GET' | 'POST';
  /** Whether the caller may authenticate with `?key=` (Gemini's query auth). */
  readonly queryKey: boolean;
}

/** The result of matching one request line. */
export interface RouteMatch {
  route: Route;
  /** Model named in the path (Gemini, and `GET /v1/models/{id}`). */
  model?: string;
  /** Streaming as decided by the path (Gemini `:streamGenerateContent`). */
  stream?: boolean;
}

function route(name: string, kind: RouteKind, protocol: string, method: 'GET' | 'POST', queryKey = false): Route {
  return Object.freeze({ name, kind, protocol, method, queryKey });
}

/** Every route, for documentation and tests. */
export const ROUTES = {
  openaiChat: route('/v1/chat/completions', 'chat', 'openai', 'POST'),
  anthropicMessages: route('/v1/messages', 'chat', 'anthropic', 'POST'),
  cohereChat: route('/v2/chat', 'chat', 'cohere', 'POST'),
  cohereV1Chat: route('/v1/chat', 'chat', 'cohere-v1', 'POST'),
  geminiGenerate: route('/v1beta/models/{model}:generateContent', 'chat', 'gemini', 'POST', true),
  geminiStream: route('/v1beta/models/{model}:streamGenerateContent', 'chat', 'gemini', 'POST', true),
  geminiV1Generate: route('/v1/models/{model}:generateContent', 'chat', 'gemini', 'POST', true),
  geminiV1Stream: route('/v1/models/{model}:streamGenerateContent', 'chat', 'gemini', 'POST', true),
  listModels: route('/v1/models', 'list-models', 'openai', 'GET'),
  getModel: route('/v1/models/{model}', 'get-model', 'openai', 'GET'),
  listGeminiModels: route('/v1beta/models', 'list-gemini-models', 'gemini', 'GET', true),
  health: route('/healthz', 'health', 'openai', 'GET'),
  metrics: route('/metrics', 'metrics', 'openai', 'GET'),
} as const;

/** The `route` label (metrics, logs) of requests to a path the gateway does not serve. */
export const UNMATCHED_LABEL = 'unmatched';

/** Paths without parameters (the routes whose name has no `{`), matched with one lookup and no allocation. */
const EXACT: ReadonlyMap<string, RouteMatch> = new Map(
  Object.values(ROUTES)
    .filter((route) => !route.name.includes('{'))
    .map((route) => [route.name, Object.freeze({ route })]),
);

/**
 * Find the route for a path (without its query string). Returns undefined for an unknown path;
 * the caller checks the method against `route.method`. `null` means the path names a route but
 * its model part is not valid percent-encoding.
 */
export function matchRoute(path: string): Readonly<RouteMatch> | undefined | null {
  const exact = EXACT.get(path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path);
  if (exact !== undefined) return exact;
  if (path.startsWith('/v1beta/models/')) return matchModelPath(path.slice(15), ROUTES.geminiGenerate, ROUTES.geminiStream, undefined);
  if (path.startsWith('/v1/models/')) return matchModelPath(path.slice(11), ROUTES.geminiV1Generate, ROUTES.geminiV1Stream, ROUTES.getModel);
  return undefined;
}

/** `{model}:generateContent`, `{model}:streamGenerateContent`, or (for `/v1/models/`) a bare `{model}`. */
function matchModelPath(rest: string, generate: Route, stream: Route, bare: Route | undefined): RouteMatch | undefined | null {
  const colon = rest.lastIndexOf(':');
  const action = colon === -1 ? '' : rest.slice(colon + 1);
  const encodedModel = colon === -1 ? rest : rest.slice(0, colon);
  const target = action === 'generateContent' ? generate : action === 'streamGenerateContent' ? stream : colon === -1 ? bare : undefined;
  if (target === undefined || encodedModel === '') return undefined;
  let model: string;
  try {
    model = decodeURIComponent(encodedModel);
  } catch {
    return null;
  }
  return target.kind === 'chat' ? { route: target, model, stream: target === stream } : { route: target, model };
}
