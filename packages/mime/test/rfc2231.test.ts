/**
 * MIME parameters both ways: RFC 2231 extended parameters as compose writes them (Python's `email` reads the
 * file name back), the strict parameter-list parser with JavaMail's error texts, and RFC 2231 decoding.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  decodeParams,
  extendedParameter,
  MAX_COMMENT_DEPTH,
  MAX_PARAM_SECTIONS,
  parseParamsValue,
  percentEncode,
} from '../src/index.js';
import { python } from './helpers/python.js';

const decode = (header: string) => {
  const parsed = parseParamsValue(header, false);
  expect(parsed.error).toBeUndefined();
  return decodeParams(parsed.params);
};

describe('writing extended parameters', () => {
  test('percent-encoding keeps attribute-chars only', () => {
    expect(percentEncode('a b*%\'ü"()<>@,;:\\/[]?=')).toBe(
      'a%20b%2A%25%27%C3%BC%22%28%29%3C%3E%40%2C%3B%3A%5C%2F%5B%5D%3F%3D',
    );
    expect(percentEncode('AZaz09!#$&+-.^_`|~')).toBe('AZaz09!#$&+-.^_`|~');
    expect(percentEncode('\u0000\u007f😀')).toBe('%00%7F%F0%9F%98%80');
  });

  test('one parameter while it fits, continuations after', () => {
    expect(extendedParameter('filename', 'Grüße.pdf')).toEqual(["filename*=utf-8''Gr%C3%BC%C3%9Fe.pdf"]);
    // name + "*=" + value may be maxSegment + 8 long.
    const fits = 'a'.repeat(56 + 8 - 'filename*='.length - "utf-8''".length);
    expect(extendedParameter('filename', fits)).toEqual([`filename*=utf-8''${fits}`]);
    // One longer: continuations, the first holding "utf-8''" and 49 characters (56 in all).
    expect(extendedParameter('filename', `${fits}a`)).toEqual([`filename*0*=utf-8''${fits}a`]);
    expect(extendedParameter('filename', 'a'.repeat(60))).toEqual([
      `filename*0*=utf-8''${'a'.repeat(49)}`,
      `filename*1*=${'a'.repeat(11)}`,
    ]);
  });

  test('segments split between code points, never inside an escape', () => {
    const segs = extendedParameter('name', 'ü'.repeat(20), 20);
    expect(segs).toEqual([
      // "utf-8''" + two escapes is 19 ≤ 20; later segments hold three (18).
      "name*0*=utf-8''%C3%BC%C3%BC",
      ...[1, 2, 3, 4, 5, 6].map((i) => `name*${i}*=${'%C3%BC'.repeat(3)}`),
    ]);
  });

  test('property: segments ≤ maxSegment (unless one code point is longer), and we and Python read the value back', () => {
    const values = fc.sample(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 90, size: 'max' }), 120);
    const headers = values.map((v, k) => {
      const max = 20 + (k % 40);
      const segs = extendedParameter('filename', v, max);
      for (const s of segs) {
        const value = s.slice(s.indexOf('=') + 1);
        if (value.length > max) expect(value.replace(/^utf-8''/, '')).toMatch(/^(%[0-9A-F]{2}){1,4}$/);
      }
      expect(decode(`attachment; ${segs.join('; ')}`).values.get('filename')).toBe(v);
      return `Content-Disposition: attachment; ${segs.join(';\r\n ')}\r\n\r\n`;
    });
    const PY = `
import email, json, sys
from email import policy
json.dump([email.message_from_string(h, policy=policy.default).get_filename() for h in json.load(sys.stdin)], sys.stdout)
`;
    expect(python<string>(PY, headers)).toEqual(values);
  });
});

describe('parsing parameter lists', () => {
  test('types, parameters, quoting, comments', () => {
    expect(parseParamsValue('Text/HTML ; Charset="utf-8" (c) ; format=flowed;', true)).toEqual({
      value: 'text/html',
      params: [
        { name: 'charset', value: 'utf-8' },
        { name: 'format', value: 'flowed' },
      ],
    });
    expect(parseParamsValue(' (lead) attachment; filename="a \\"b\\" \\\\c.pdf"', false)).toEqual({
      value: 'attachment',
      params: [{ name: 'filename', value: 'a "b" \\c.pdf' }],
    });
    expect(parseParamsValue('text / plain (x (nested) y)\r\n\t; a = b', true)).toEqual({
      value: 'text/plain',
      params: [{ name: 'a', value: 'b' }],
    });
    expect(parseParamsValue('inline; name="a(b)c"; x=\u00e4', false).params).toEqual([
      { name: 'name', value: 'a(b)c' },
      { name: 'x', value: '\u00e4' },
    ]);
    expect(parseParamsValue('inline; name=""', false).params).toEqual([{ name: 'name', value: '' }]);
  });

  test.each([
    ['', true, "Expected a media type, got 'null'", ''],
    [';', false, "Expected a disposition type, got ';'", ''],
    ['text', true, "Expected '/', got 'null'", 'text'],
    ['text;', true, "Expected '/', got ';'", 'text'],
    ['text/', true, "Expected a media subtype, got 'null'", 'text'],
    ['text/plain x', true, "Expected ';', got 'x'", 'text/plain'],
    ['text/plain "q"', true, "Expected ';', got '\"q\"'", 'text/plain'],
    ['text/plain; =x', true, "Expected parameter name, got '='", 'text/plain'],
    ['text/plain; a', true, "Expected '=', got 'null'", 'text/plain'],
    ['text/plain; a b', true, "Expected '=', got 'b'", 'text/plain'],
    ['text/plain; a=', true, "Expected parameter value, got 'null'", 'text/plain'],
    ['text/plain; a=;', true, "Expected parameter value, got ';'", 'text/plain'],
    ['text/plain; a="b', true, "Unterminated quoted string in parameter 'a'", 'text/plain'],
    ['text/plain (open', true, 'Unterminated comment', 'text/plain'],
    ['(open', true, 'Unterminated comment', ''],
    ['text (x', true, 'Unterminated comment', 'text'],
    ['text/(x', true, 'Unterminated comment', 'text'],
    ['text/plain; (x', true, 'Unterminated comment', 'text/plain'],
    ['text/plain; a(x', true, 'Unterminated comment', 'text/plain'],
    ['text/plain; a=(x', true, 'Unterminated comment', 'text/plain'],
    ['text/plain (\\) x', true, 'Unterminated comment', 'text/plain'],
  ])('%j → %s', (input, withSubtype, error, value) => {
    const r = parseParamsValue(input, withSubtype);
    expect(r.error).toBe(error);
    expect(r.value).toBe(value);
  });

  test('errors keep the parameters parsed before them', () => {
    expect(parseParamsValue('text/plain; a=1; b=2 junk', true)).toEqual({
      value: 'text/plain',
      params: [
        { name: 'a', value: '1' },
        { name: 'b', value: '2' },
      ],
      error: "Expected ';', got 'junk'",
    });
  });

  test(`comments nest up to ${MAX_COMMENT_DEPTH} levels`, () => {
    const nest = (n: number) => `${'('.repeat(n)}${')'.repeat(n)}`;
    expect(parseParamsValue(`text/plain ${nest(MAX_COMMENT_DEPTH)}`, true).error).toBeUndefined();
    expect(parseParamsValue(`text/plain ${nest(MAX_COMMENT_DEPTH + 1)}`, true).error).toBe(
      `Comments nested deeper than ${MAX_COMMENT_DEPTH} levels`,
    );
  });

  test('error context is cut at 40 characters', () => {
    expect(parseParamsValue(`text/plain ${'x'.repeat(60)}`, true).error).toBe(
      `Expected ';', got '${'x'.repeat(40)}'`,
    );
    expect(parseParamsValue(`text/plain "${'x'.repeat(60)}"`, true).error).toBe(
      `Expected ';', got '"${'x'.repeat(39)}'`,
    );
  });

  test('the work counter adds the characters read', () => {
    const work = { steps: 5 };
    parseParamsValue('text/plain; a=b', true, work);
    expect(work.steps).toBe(5 + 'text/plain; a=b'.length);
  });
});

describe('RFC 2231 decoding', () => {
  test('continuations join in index order; extended sections are percent- and charset-decoded', () => {
    expect(
      decode("attachment; filename*1*=%C3%9Fe.pdf; filename*0*=utf-8'de'Gr%C3%BC").values.get('filename'),
    ).toBe('Grüße.pdf');
    expect(decode('attachment; filename*0="a b"; filename*1=".txt"').values.get('filename')).toBe('a b.txt');
    expect(decode("attachment; name*=iso-8859-1''%E4%e4").values.get('name')).toBe('ää');
    expect(decode("attachment; name*0*=utf-8''%C3; name*1*=%BC; name*2=%41").values.get('name')).toBe('ü%41');
    expect(decode("attachment; name*=''abc").values.get('name')).toBe('abc');
  });

  test('plain parameters: first occurrence wins; a sectioned one replaces a plain one of the same name', () => {
    expect(decode('attachment; a=1; a=2').values.get('a')).toBe('1');
    expect(decode("attachment; name=plain; name*=utf-8''%C3%BC").values.get('name')).toBe('ü');
    expect(decode('attachment; x=1').errors).toEqual([]);
  });

  test('what cannot be decoded is reported', () => {
    expect(decode('attachment; name*1=b').errors).toEqual([
      "parameter 'name' has RFC 2231 continuation 1 without 0",
    ]);
    expect(decode('attachment; name*0=a; name*2=b').errors).toEqual([
      "parameter 'name' has RFC 2231 continuation 2 without 1",
    ]);
    expect(decode('attachment; name*0=a; name*2=b').values.has('name')).toBe(false);
    expect(decode('attachment; name*=abc').errors).toEqual([
      "parameter 'name*' lacks the charset'language' prefix of RFC 2231",
    ]);
    expect(decode("attachment; name*=utf-8'abc").errors).toEqual([
      "parameter 'name*' lacks the charset'language' prefix of RFC 2231",
    ]);
    for (const bad of ['%4', '%G0', '%0G', '%'])
      expect(decode(`attachment; name*=utf-8''a${bad}`).errors, bad).toEqual([
        "parameter 'name' has a malformed %-escape",
      ]);
    const unknown = decode("attachment; name*=bogus''%E4b");
    expect(unknown.errors).toEqual(["parameter 'name*' names unknown charset 'bogus'"]);
    expect(unknown.values.get('name')).toBe('\u00e4b');
  });

  test('a name that only looks sectioned is a plain parameter', () => {
    const d = decode('attachment; a*b=1; d**=3');
    expect([...d.values.entries()]).toEqual([
      ['a*b', '1'],
      ['d**', '3'],
    ]);
  });

  test('a section number of five or more digits is a section number (as Python reads it), not part of a name', () => {
    const d = decode('attachment; c*12345=2');
    expect([...d.values.entries()]).toEqual([]);
    expect(d.errors).toEqual(["parameter 'c' has RFC 2231 continuation 12345 without 0"]);
  });

  test(`a parameter of ${MAX_PARAM_SECTIONS} sections is joined; one more is an error, never a value cut short`, () => {
    const sections = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `n*${i}`, value: 'x' }));
    expect(decodeParams(sections(MAX_PARAM_SECTIONS)).values.get('n')).toBe('x'.repeat(MAX_PARAM_SECTIONS));
    const over = decodeParams(sections(MAX_PARAM_SECTIONS + 5));
    expect(over.values.has('n')).toBe(false);
    expect(over.errors).toEqual([
      `parameter 'n' has ${MAX_PARAM_SECTIONS + 5} RFC 2231 continuations; at most ${MAX_PARAM_SECTIONS} can be numbered`,
    ]);
  });
});
