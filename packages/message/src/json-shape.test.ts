import { describe, expect, it } from 'vitest';
import type { JsonObject } from './json.js';
import { JsonShape, RepeatedJsonReader, type JsonSlot } from './json-shape.js';

const CHUNK = '{"id":"c1","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}';

/** The shape of CHUNK with its delta content open. */
function contentShape(text = CHUNK): JsonShape | undefined {
  const value = JSON.parse(text) as JsonObject;
  const delta = (value.choices as JsonObject[])[0]!.delta as JsonObject;
  return JsonShape.learn(text, value, [{ object: delta, key: 'content' }]);
}

const withContent = (content: string): string => CHUNK.replace('"Hi"', content);

describe('JsonShape', () => {
  it('reads a text that differs only in the open string as JSON.parse does', () => {
    const shape = contentShape()!;
    const text = withContent('" there"');
    expect(shape.read(text)).toEqual(JSON.parse(text));
  });

  it('decodes escapes in the open string as JSON.parse does', () => {
    const shape = contentShape()!;
    for (const raw of ['"a\\"b"', '"\\\\"', '"\\n\\t\\u00e9\\ud83d\\ude00"', '"\\/"', '""', '"日本 🌍"', '"\uD800 lone"']) {
      const text = withContent(raw);
      expect(shape.read(text), raw).toEqual(JSON.parse(text));
    }
  });

  it('returns the same object on every read, rewritten', () => {
    const shape = contentShape()!;
    const first = shape.read(withContent('"one"'));
    expect(shape.read(withContent('"two"'))).toBe(first);
  });

  it('reads nothing that JSON.parse would read differently or refuse', () => {
    const shape = contentShape()!;
    const others = [
      withContent('"a" '),
      withContent('"a","content":"b"'),
      withContent('"a\nb"'),
      withContent('"\\x"'),
      withContent('"\\u12"'),
      withContent('"unterminated'),
      withContent('1'),
      withContent('null'),
      CHUNK.replace('"c1"', '"c2"'),
      CHUNK.replace('null', '"stop"'),
      CHUNK.slice(0, -1),
      `${CHUNK} `,
      ` ${CHUNK}`,
      '',
    ];
    for (const text of others) expect(shape.read(text), text).toBeUndefined();
  });

  it('keeps several open strings apart, in text order whatever the order given', () => {
    const text = '{"a":"x","b":{"c":"y"},"d":"z"}';
    const value = JSON.parse(text) as JsonObject;
    const shape = JsonShape.learn(text, value, [
      { object: value, key: 'd' },
      { object: value.b as JsonObject, key: 'c' },
    ])!;
    const next = '{"a":"x","b":{"c":"\\"q\\""},"d":"r"}';
    expect(shape.read(next)).toEqual(JSON.parse(next));
    expect(shape.read('{"a":"y","b":{"c":"q"},"d":"r"}')).toBeUndefined();
  });

  it('learns nothing from a text JSON.stringify would write differently', () => {
    for (const text of ['{"a": "x"}', '{"a":"x","a":"y"}', '{"b":"\\u0078","a":"x"}', '{"n":1.0,"a":"x"}', '{"b":1,"1":2,"a":"x"}']) {
      const value = JSON.parse(text) as JsonObject;
      expect(JsonShape.learn(text, value, [{ object: value, key: 'a' }]), text).toBeUndefined();
    }
  });

  it('learns nothing when an open field is neither a string nor a number', () => {
    for (const text of ['{"a":null}', '{"a":true}', '{"a":{}}', '{"a":[]}']) {
      const value = JSON.parse(text) as JsonObject;
      expect(JsonShape.learn(text, value, [{ object: value, key: 'a' }]), text).toBeUndefined();
    }
  });

  it('reads an open number as JSON.parse does, and nothing JSON.parse would refuse or read as another type', () => {
    const learned = '{"usage":{"in":12,"out":3},"text":"a"}';
    const value = JSON.parse(learned) as JsonObject;
    const usage = value.usage as JsonObject;
    const shape = JsonShape.learn(learned, value, [
      { object: usage, key: 'out' },
      { object: value, key: 'text' },
    ])!;
    const withOut = (out: string) => `{"usage":{"in":12,"out":${out}},"text":"b"}`;
    for (const out of ['0', '-0', '7', '-12', '1.5', '1e3', '2E-2', '1.25e+10', '1e400', '123456789012345678901234567890']) {
      expect(shape.read(withOut(out)), out).toEqual(JSON.parse(withOut(out)));
    }
    for (const out of ['012', '1.', '.5', '-', '+1', '1e', '1.e5', '0x1', 'NaN', '"7"', 'null', '1 ', '']) {
      expect(shape.read(withOut(out)), out).toBeUndefined();
    }
  });

  it('leaves the learned value as it was', () => {
    const value = JSON.parse(CHUNK) as JsonObject;
    const delta = (value.choices as JsonObject[])[0]!.delta as JsonObject;
    JsonShape.learn(CHUNK, value, [{ object: delta, key: 'content' }]);
    expect(value).toEqual(JSON.parse(CHUNK));
  });
});

describe('RepeatedJsonReader', () => {
  const openText = (value: JsonObject): JsonSlot[] => (typeof value.text === 'string' ? [{ object: value, key: 'text' }] : []);
  const parsedInto = (reader: RepeatedJsonReader, text: string): void => reader.parsed(text, JSON.parse(text) as JsonObject);

  it('reads nothing until it has seen a parsed text, then the texts of that shape', () => {
    const reader = new RepeatedJsonReader(openText);
    expect(reader.read('{"n":1,"text":"a"}')).toBeUndefined();
    parsedInto(reader, '{"n":1,"text":"a"}');
    expect(reader.read('{"n":1,"text":"b"}')).toEqual({ n: 1, text: 'b' });
    expect(reader.read('{"n":2,"text":"b"}')).toBeUndefined();
  });

  it('learns nothing from a text whose open fields are all empty, or that has none', () => {
    const reader = new RepeatedJsonReader(openText);
    parsedInto(reader, '{"n":1,"text":""}');
    parsedInto(reader, '{"n":1}');
    expect(reader.read('{"n":1,"text":"b"}')).toBeUndefined();
  });

  it('takes the shape of the last parsed text, up to eight shapes a stream', () => {
    const reader = new RepeatedJsonReader(openText);
    for (let n = 1; n <= 9; n++) parsedInto(reader, `{"n":${n},"text":"a"}`);
    expect(reader.read('{"n":8,"text":"b"}')).toEqual({ n: 8, text: 'b' });
    expect(reader.read('{"n":9,"text":"b"}')).toBeUndefined();
  });
});
