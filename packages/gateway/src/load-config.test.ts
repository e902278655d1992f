import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { GatewayConfigError } from './config-issues.js';
import { loadConfigFile, parseConfig } from './load-config.js';

const dir = mkdtempSync(join(tmpdir(), 'fluxcore-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function validDoc(): Record<string, unknown> {
  return {
    listen: { host: '127.0.0.1', port: 9000 },
    keys: {
      openai: { protocol: 'openai', baseURL: 'https://api.openai.com/', apiKey: '${TEST_OPENAI_KEY}' },
      gemini: { protocol: 'gemini', baseURL: 'https://generativelanguage.googleapis.com', apiKey: 'gem-key-123' },
    },
    endpoints: {
      'gpt-mini': { key: 'openai', model: 'gpt-4.1-mini', inputPrice: 0.4, outputPrice: 1.6, breaker: { threshold: 2, recoveryTimeoutMs: 500 } },
      flash: { key: 'gemini', model: 'gemini-2.5-flash', inputPrice: 0.3, outputPrice: 2.5 },
    },
    models: { fast: { endpoints: ['flash', 'gpt-mini'], retries: 2, timeouts: { firstByteMs: 5000 } } },
  };
}

function issuesOf(run: () => unknown): { source: string; paths: string[]; message: string } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayConfigError);
    const e = error as GatewayConfigError;
    return { source: e.source, paths: e.issues.map((i) => i.path), message: e.message };
  }
  throw new Error('expected a GatewayConfigError');
}

describe('parseConfig', () => {
  it('returns the typed config for a valid document, with ${ENV} replaced and trailing slashes dropped', () => {
    const config = parseConfig(JSON.stringify(validDoc()), 'test.json', { env: { TEST_OPENAI_KEY: 'sk-test-openai' } });
    expect(config.keys.openai).toEqual({ protocol: 'openai', baseURL: 'https://api.openai.com', apiKey: 'sk-test-openai' });
    expect(config.endpoints['gpt-mini']?.breaker).toEqual({ threshold: 2, recoveryTimeoutMs: 500 });
    expect(config.models.fast).toEqual({ endpoints: ['flash', 'gpt-mini'], retries: 2, timeouts: { firstByteMs: 5000 } });
    expect(config.listen).toEqual({ host: '127.0.0.1', port: 9000 });
  });

  it('uses the fallback of ${NAME:-fallback} when the variable is unset, and accepts numbers written as strings', () => {
    const doc = validDoc();
    doc.listen = { port: '${TEST_PORT:-8123}' };
    const config = parseConfig(JSON.stringify(doc), 'test.json', { env: { TEST_OPENAI_KEY: 'k-123456' } });
    expect(config.listen?.port).toBe(8123);
  });

  it('names the file, the JSON path and the variable when an environment variable is missing', () => {
    const { source, paths, message } = issuesOf(() => parseConfig(JSON.stringify(validDoc()), 'prod.json', { env: {} }));
    expect(source).toBe('prod.json');
    expect(paths).toEqual(['keys.openai.apiKey']);
    expect(message).toContain('invalid gateway config prod.json');
    expect(message).toContain('keys.openai.apiKey: environment variable TEST_OPENAI_KEY is not set');
  });

  it('reports a malformed placeholder', () => {
    const doc = validDoc();
    (doc.keys as Record<string, Record<string, unknown>>).gemini!.apiKey = '${not closed';
    const { paths, message } = issuesOf(() => parseConfig(JSON.stringify(doc), 'x.json', { env: { TEST_OPENAI_KEY: 'k-123456' } }));
    expect(paths).toEqual(['keys.gemini.apiKey']);
    expect(message).toContain('malformed placeholder');
  });

  it('reports a JSON syntax error with its line and column', () => {
    const { paths, message } = issuesOf(() => parseConfig('{\n  "keys": {,\n}', 'broken.json'));
    expect(paths).toEqual(['']);
    expect(message).toMatch(/broken\.json/);
    expect(message).toMatch(/not valid JSON.*line 2/s);
  });

  it('reports every issue at once: wrong types, ranges, unknown fields with a suggestion, dangling references', () => {
    const doc = validDoc();
    const endpoints = doc.endpoints as Record<string, Record<string, unknown>>;
    endpoints['gpt-mini']!.inputPrice = 'cheap';
    endpoints['gpt-mini']!.outputprice = 1;
    endpoints.flash!.key = 'nope';
    doc.models = { fast: { endpoints: ['flash', 'missing', 'flash'], retries: -1, strategy: 'random' } };
    doc.listen = { port: 70000 };
    doc.keys = { ...(doc.keys as object), bad: { protocol: 'soap', baseURL: 'ftp://x', apiKey: '' } };
    const { paths, message } = issuesOf(() => parseConfig(JSON.stringify(doc), 'c.json', { env: { TEST_OPENAI_KEY: 'k-123456' } }));
    expect(paths).toEqual(
      expect.arrayContaining([
        'keys.bad.protocol',
        'keys.bad.baseURL',
        'keys.bad.apiKey',
        'endpoints["gpt-mini"].outputprice',
        'endpoints["gpt-mini"].inputPrice',
        'endpoints.flash.key',
        'models.fast.endpoints[1]',
        'models.fast.endpoints[2]',
        'listen.port',
      ]),
    );
    expect(message).toContain('endpoints["gpt-mini"].inputPrice: expected a number >= 0, got "cheap"');
    expect(message).toContain('outputprice: unknown field (did you mean "outputPrice"?)');
    expect(message).toContain('endpoints.flash.key: unknown key "nope" (defined in keys: openai, gemini, bad)');
    expect(message).toContain('models.fast.endpoints[2]: endpoint "flash" is listed twice');
    expect(message).toContain('listen.port: expected an integer between 0 and 65535, got 70000');
    expect(message).toContain('keys.bad.protocol: expected one of "openai", "anthropic", "gemini", "cohere", "cohere-v1", got "soap"');
  });

  it('rejects a config without models, endpoints or keys', () => {
    const { paths } = issuesOf(() => parseConfig('{"keys":{},"endpoints":{},"models":{}}', 'empty.json'));
    expect(paths).toEqual(['keys', 'endpoints', 'models']);
  });

  it('rejects a document that is not an object', () => {
    const { paths, message } = issuesOf(() => parseConfig('[1,2]', 'arr.json'));
    expect(paths).toEqual(['']);
    expect(message).toContain('expected an object, got an array');
  });

  it('accepts custom protocols when their names are declared', () => {
    const doc = validDoc();
    (doc.keys as Record<string, Record<string, unknown>>).gemini!.protocol = 'ollama';
    const config = parseConfig(JSON.stringify(doc), 'c.json', { env: { TEST_OPENAI_KEY: 'k-123456' }, extraProtocols: ['ollama'] });
    expect(config.keys.gemini?.protocol).toBe('ollama');
  });

  it('never prints an API key it quotes back in a message', () => {
    const doc = validDoc();
    (doc.keys as Record<string, Record<string, unknown>>).openai!.baseURL = 'sk-proj-abcdefghijklmnop1234';
    const { message } = issuesOf(() => parseConfig(JSON.stringify(doc), 'c.json', { env: { TEST_OPENAI_KEY: 'k-123456' } }));
    expect(message).toContain('keys.openai.baseURL');
    expect(message).not.toContain('abcdefghijklmnop1234');
  });

  it.each([
    ['an unknown scheme', 'ftp://api.example.com/shapelesskey42', 'expected an http or https URL'],
    ['a misspelled scheme', 'htps://api.example.com/shapelesskey42', 'expected an http or https URL'],
    ['no scheme', 'api.example.com/v1/shapelesskey42', 'expected an absolute http(s) URL'],
    ['a query string', 'https://api.example.com/v1?key=shapelesskey42', 'a query string is not allowed'],
    ['a fragment', 'https://api.example.com/v1#shapelesskey42', 'a fragment is not allowed'],
  ])('refuses a base URL with %s without quoting any of it (found by the secrets scan)', (_case, baseURL, reason) => {
    const doc = validDoc();
    (doc.keys as Record<string, Record<string, unknown>>).openai!.baseURL = baseURL;
    const { paths, message } = issuesOf(() => parseConfig(JSON.stringify(doc), 'c.json', { env: { TEST_OPENAI_KEY: 'k-123456' } }));
    expect(paths).toEqual(['keys.openai.baseURL']);
    expect(message).toContain(reason);
    expect(message).not.toContain('shapeless');
  });

  it.each([
    ['{\n  "keys": { "k": { "apiKey": shapelesskey42 } }\n}', 'line 2, column 30'],
    ['{"keys": {"k": {"headers": {"x-auth-token": "shapelesskey42", "x": tru}}}}', 'line 1, column 71'],
    ['shapelesskey42', undefined],
    ['[1, 2, 3, 4, 5, shapelesskey42]', 'line 1, column 17'],
  ])('reports a JSON syntax error by line and column without quoting the text around it (found by the secrets scan): %s', (text, where) => {
    const { message } = issuesOf(() => parseConfig(text, 'broken.json'));
    expect(message).toMatch(/not valid JSON: Unexpected token/);
    if (where !== undefined) expect(message).toContain(where);
    expect(message).not.toMatch(/shapel|elesskey|key42/);
  });

  it('reads the upstream settings, cacheWritePrice and maxRetryWaitMs', () => {
    const doc = validDoc();
    doc.upstream = { egress: 'any', proxy: 'http://team:s3cret@proxy.internal:3128', connectionsPerOrigin: '64' };
    (doc.endpoints as Record<string, Record<string, unknown>>).flash!.cacheWritePrice = 0.5;
    (doc.models as Record<string, Record<string, unknown>>).fast!.maxRetryWaitMs = 2000;
    const config = parseConfig(JSON.stringify(doc), 'c.json', { env: { TEST_OPENAI_KEY: 'k-123456' } });
    expect(config.upstream).toEqual({ egress: 'any', proxy: 'http://team:s3cret@proxy.internal:3128', connectionsPerOrigin: 64 });
    expect(config.endpoints.flash?.cacheWritePrice).toBe(0.5);
    expect(config.models.fast?.maxRetryWaitMs).toBe(2000);
  });

  it('reports bad upstream settings, and a proxy together with egress "public-only", without quoting the proxy URL', () => {
    const doc = validDoc();
    doc.upstream = { egress: 'private', proxy: 'socks5://team:s3cret@proxy.internal', connectionsPerOrigin: 0 };
    (doc.models as Record<string, Record<string, unknown>>).fast!.maxRetryWaitMs = -1;
    const bad = issuesOf(() => parseConfig(JSON.stringify(doc), 'c.json', { env: { TEST_OPENAI_KEY: 'k-123456' } }));
    expect(bad.paths).toEqual(['models.fast.maxRetryWaitMs', 'upstream.egress', 'upstream.proxy', 'upstream.connectionsPerOrigin']);
    expect(bad.message).not.toContain('s3cret');

    doc.upstream = { egress: 'public-only', proxy: 'http://team:s3cret@proxy.internal:3128' };
    delete (doc.models as Record<string, Record<string, unknown>>).fast!.maxRetryWaitMs;
    const both = issuesOf(() => parseConfig(JSON.stringify(doc), 'c.json', { env: { TEST_OPENAI_KEY: 'k-123456' } }));
    expect(both.paths).toEqual(['upstream.proxy']);
    expect(both.message).toContain('cannot be combined with egress "public-only"');
    expect(both.message).not.toContain('s3cret');
  });

  it('refuses credentials inside a base URL', () => {
    const doc = validDoc();
    (doc.keys as Record<string, Record<string, unknown>>).openai!.baseURL = 'https://user:pass@api.example.com';
    const { message } = issuesOf(() => parseConfig(JSON.stringify(doc), 'c.json', { env: { TEST_OPENAI_KEY: 'k-123456' } }));
    expect(message).toContain('credentials in the URL are not allowed');
    expect(message).not.toContain('pass@');
  });
});

describe('loadConfigFile', () => {
  it('reads and validates a file', () => {
    const file = join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify(validDoc()));
    expect(loadConfigFile(file, { env: { TEST_OPENAI_KEY: 'k-123456' } }).models.fast?.endpoints).toEqual(['flash', 'gpt-mini']);
  });

  it('names the file when it does not exist', () => {
    const file = join(dir, 'missing.json');
    const { source, message } = issuesOf(() => loadConfigFile(file));
    expect(source).toBe(file);
    expect(message).toContain(`invalid gateway config ${file}`);
    expect(message).toContain('file not found');
  });
});

/** validDoc() as a person writes it in YAML: placeholders and URLs unquoted, a flow mapping, a comment. */
const VALID_YAML = `# fluxcore gateway
listen:
  host: 127.0.0.1
  port: \${TEST_PORT:-9000}
keys:
  openai: { protocol: openai, baseURL: https://api.openai.com/, apiKey: "\${TEST_OPENAI_KEY}" }
  gemini:
    protocol: gemini
    baseURL: https://generativelanguage.googleapis.com
    apiKey: gem-key-123
endpoints:
  gpt-mini:
    key: openai
    model: gpt-4.1-mini
    inputPrice: 0.4
    outputPrice: 1.6
    breaker: { threshold: 2, recoveryTimeoutMs: 500 }
  flash: { key: gemini, model: gemini-2.5-flash, inputPrice: 0.3, outputPrice: 2.5 }
models:
  fast:
    endpoints: [flash, gpt-mini]
    retries: 2
    timeouts: { firstByteMs: 5000 }
`;

describe('YAML configs', () => {
  const env = { TEST_OPENAI_KEY: 'k-123456' };

  it('reads a .yaml or .yml config to the same config as its JSON form', () => {
    const fromJson = parseConfig(JSON.stringify(validDoc()), 'c.json', { env });
    expect(parseConfig(VALID_YAML, 'c.yaml', { env })).toEqual(fromJson);
    const file = join(dir, 'ok.yml');
    writeFileSync(file, VALID_YAML);
    expect(loadConfigFile(file, { env })).toEqual(fromJson);
  });

  it('reports the same issues, by the same JSON paths and in the same words, as for the JSON form', () => {
    const doc = parseYaml(VALID_YAML) as { listen: Record<string, unknown>; endpoints: Record<string, Record<string, unknown>> };
    doc.endpoints['gpt-mini']!.outputprice = 1;
    doc.endpoints.flash!.inputPrice = 'cheap';
    doc.endpoints.flash!.key = 'nope';
    doc.listen.port = 70000;
    const json = issuesOf(() => parseConfig(JSON.stringify(doc), 'c.json', { env }));
    const yaml = issuesOf(() => parseConfig(stringifyYaml(doc), 'c.yaml', { env }));
    expect(yaml.paths).toEqual(json.paths);
    expect(yaml.message.replace('c.yaml', 'c.json')).toBe(json.message);
    expect(json.paths).toEqual(
      expect.arrayContaining(['endpoints["gpt-mini"].outputprice', 'endpoints.flash.inputPrice', 'endpoints.flash.key', 'listen.port']),
    );
  });

  it('reads YAML 1.2 core values only: yes stays a string, and a %YAML 1.1 directive or a !!binary tag changes nothing', () => {
    const text = VALID_YAML.replace('model: gpt-4.1-mini', 'model: yes').replace('apiKey: gem-key-123', 'apiKey: !!binary Z2VtLWtleQ==');
    const config = parseConfig(`%YAML 1.1\n---\n${text}`, 'c.yaml', { env });
    expect(config.endpoints['gpt-mini']?.model).toBe('yes');
    expect(config.keys.gemini?.apiKey).toBe('Z2VtLWtleQ==');
  });

  it.each([
    ['a tab as indentation', 'keys:\n\topenai: {}\n', 'line 2, column 1'],
    ['an unclosed quote', 'keys:\n  k: { apiKey: "shapelesskey42 }\n', 'line 3, column 1'],
    ['a bad escape in a quoted key', 'keys:\n  k:\n    apiKey: "\\xZZshapelesskey42"\n', 'line 3, column 14'],
    ['a block scalar header with text after it', 'keys:\n  k:\n    apiKey: |shapelesskey42\n      x\n', 'line 3, column 14'],
    ['a duplicated name', 'keys: {}\nkeys: {}\n', 'line 2, column 1'],
    ['two documents', 'keys: {}\n---\nmodels: {}\n', 'line 2'],
    ['an alias inside its own anchor', 'models: &m\n  fast: { endpoints: *m }\n', 'line 2, column 22'],
  ])('reports a YAML syntax error (%s) with the file, line and column, quoting none of the text', (_case, text, where) => {
    const { source, paths, message } = issuesOf(() => parseConfig(text, 'broken.yaml'));
    expect(source).toBe('broken.yaml');
    expect(paths).toEqual(['']);
    expect(message).toMatch(/^invalid gateway config broken\.yaml:\n {2}- \(document\): not valid YAML: /);
    expect(message).toContain(where);
    expect(message).not.toMatch(/shapel|elesskey|key42/);
  });

  it('reports an alias to no anchor without quoting its name, and refuses aliases that expand without bound', () => {
    const unresolved = issuesOf(() => parseConfig('keys:\n  k: { apiKey: *shapelesskey42 }\n', 'broken.yml'));
    expect(unresolved.message).toContain('broken.yml:\n  - (document): not valid YAML: an alias names no anchor set before it (line 2, column 16)');
    expect(unresolved.message).not.toMatch(/shapel|elesskey|key42/);
    const laughs = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...'bcdefgh'.split('').map((name, i) => `${name}: &${name} [${`*${'abcdefgh'[i]}, `.repeat(10).slice(0, -2)}]`),
    ];
    const bomb = issuesOf(() => parseConfig(`${laughs.join('\n')}\n`, 'bomb.yaml'));
    expect(bomb.message).toContain('bomb.yaml:\n  - (document): not valid YAML: Excessive alias count');
  });
});
