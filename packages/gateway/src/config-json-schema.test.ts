import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { CONFIG_SCHEMA_FILE, configJsonSchemaText } from './config-json-schema.js';
import { parseConfig } from './load-config.js';

const packageDir = join(import.meta.dirname, '..');
const committed = readFileSync(join(packageDir, CONFIG_SCHEMA_FILE), 'utf8');
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(committed) as object);
const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');

/** The config examples of the README: its json and yaml code blocks that declare models. */
const examples = [...readme.matchAll(/```(json|yaml)\n([\s\S]*?)```/g)]
  .map(([, language, text]) => ({ language: language!, text: text! }))
  .filter(({ text }) => /"?models"?:/.test(text));

/** A value for every `${NAME}` without a fallback in `text` (those with one use it). */
function envFor(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map(([, name]) => [name, `test-value-of-${name}`]));
}

function schemaErrors(doc: unknown): string {
  return validate(doc) ? '' : JSON.stringify(validate.errors);
}

interface Doc {
  keys: { openai: Record<string, unknown> };
  endpoints: { mini: Record<string, unknown> };
  models: { fast: Record<string, unknown> };
  [section: string]: unknown;
}

function minimalDoc(): Doc {
  return {
    keys: { openai: { protocol: 'openai', baseURL: 'https://api.openai.com', apiKey: '${OPENAI_API_KEY}' } },
    endpoints: { mini: { key: 'openai', inputPrice: 0.4, outputPrice: 1.6 } },
    models: { fast: { endpoints: ['mini'] } },
  };
}

describe(CONFIG_SCHEMA_FILE, () => {
  it('is the file the config schema generates (refresh it with `pnpm --filter @fluxcore/gateway build`)', () => {
    expect(committed).toBe(configJsonSchemaText());
  });

  it('is published and exported by the package', () => {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { files: string[]; exports: Record<string, unknown> };
    expect(manifest.files).toContain(CONFIG_SCHEMA_FILE);
    expect(manifest.exports[`./${CONFIG_SCHEMA_FILE}`]).toBe(`./${CONFIG_SCHEMA_FILE}`);
  });

  it('accepts every config example of the README, JSON and YAML, and so does the gateway', () => {
    expect(examples.map((example) => example.language).sort()).toEqual(['json', 'yaml']);
    for (const { language, text } of examples) {
      const doc: unknown = language === 'json' ? JSON.parse(text) : parseYaml(text);
      expect(schemaErrors(doc), text).toBe('');
      expect(() => parseConfig(text, `README.${language}`, { env: envFor(text) }), text).not.toThrow();
    }
  });

  it('accepts ${NAME} wherever a value goes, and numbers written as strings, as the gateway does', () => {
    const doc = minimalDoc();
    doc.listen = { host: '${HOST:-0.0.0.0}', port: '${PORT}' };
    doc.log = { level: '${LOG_LEVEL:-info}' };
    doc.upstream = { egress: '${EGRESS:-any}', proxy: '${PROXY:-env}', connectionsPerOrigin: '64' };
    doc.keys.openai.baseURL = '${OPENAI_BASE_URL}';
    doc.endpoints.mini.inputPrice = '${MINI_INPUT_PRICE:-0.4}';
    doc.models.fast = { endpoints: ['${MODEL_ENDPOINT:-mini}'], strategy: '${STRATEGY:-price}', retries: '2', timeouts: { totalMs: ' 3000 ' } };
    expect(schemaErrors(doc)).toBe('');
    const env = { PORT: '9000', OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: 'https://api.openai.com' };
    const config = parseConfig(JSON.stringify(doc), 'env.json', { env });
    expect(config.listen).toEqual({ host: '0.0.0.0', port: 9000 });
    expect(config.models.fast).toEqual({ endpoints: ['mini'], strategy: 'price', retries: 2, timeouts: { totalMs: 3000 } });
  });

  it.each([
    ['a misspelt field', (doc: Doc) => (doc.endpoints.mini.outputprice = 1)],
    ['a missing price', (doc: Doc) => delete doc.endpoints.mini.inputPrice],
    ['a negative price', (doc: Doc) => (doc.endpoints.mini.inputPrice = -1)],
    ['an unknown strategy', (doc: Doc) => (doc.models.fast.strategy = 'random')],
    ['a port out of range', (doc: Doc) => (doc.listen = { port: 70000 })],
    ['a base URL that is not http(s)', (doc: Doc) => (doc.keys.openai.baseURL = 'ftp://example.com')],
    ['a model without endpoints', (doc: Doc) => (doc.models.fast.endpoints = [])],
    ['no models', (doc: Doc) => (doc.models = {} as Doc['models'])],
  ])('flags %s, as the gateway does', (_case, spoil) => {
    const doc = minimalDoc();
    spoil(doc);
    expect(schemaErrors(doc)).not.toBe('');
    expect(() => parseConfig(JSON.stringify(doc), 'bad.json', { env: { OPENAI_API_KEY: 'sk-test' } })).toThrow(/invalid gateway config bad\.json/);
  });

  it('has every field it describes in the README field table', () => {
    const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('### Without a config file'));
    const fields = new Set<string>();
    const collect = (node: unknown): void => {
      if (node === null || typeof node !== 'object') return;
      const { properties } = node as { properties?: Record<string, unknown> };
      for (const name of Object.keys(properties ?? {})) fields.add(name);
      Object.values(node).forEach(collect);
    };
    collect(JSON.parse(committed));
    const documented = (name: string): boolean => ['`', '.'].some((before) => ['`', '.'].some((after) => section.includes(`${before}${name}${after}`)));
    const undocumented = [...fields].filter((name) => !documented(name));
    expect(undocumented).toEqual([]);
  });
});
