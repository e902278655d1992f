/** The model list answers, serialized once at start: listing models costs nothing per request. */
export interface Catalog {
  /** `GET /v1/models`: OpenAI's list shape, with the fields Anthropic's SDK reads as well. */
  readonly openai: string;
  /** `GET /v1beta/models`: Gemini's list shape. */
  readonly gemini: string;
  /** `GET /v1/models/{model}`: one entry per served model. */
  readonly byName: ReadonlyMap<string, string>;
}

const EPOCH = '1970-01-01T00:00:00Z';

/** Build the model list answers for the client-facing model names. */
export function catalog(names: readonly string[]): Catalog {
  const entries = names.map((id) => ({ id, object: 'model', type: 'model', created: 0, created_at: EPOCH, owned_by: 'fluxcore', display_name: id }));
  const openai = JSON.stringify({
    object: 'list',
    data: entries,
    has_more: false,
    first_id: names[0] ?? null,
    last_id: names[names.length - 1] ?? null,
  });
  const gemini = JSON.stringify({
    models: names.map((id) => ({ name: `models/${id}`, displayName: id, supportedGenerationMethods: ['generateContent', 'streamGenerateContent'] })),
  });
  return { openai, gemini, byName: new Map(entries.map((entry) => [entry.id, JSON.stringify(entry)])) };
}
