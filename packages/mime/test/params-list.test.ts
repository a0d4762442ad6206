/**
 * The parameter parser keeps parameters as offsets (`parseParamList`) and `parseParamsValue` builds its objects
 * from them; the oracle is the previous parser (an object and two strings per parameter, kept in test/helpers),
 * which must agree on every input: main value, parameters, error text and work counted. `decodeParamList` must
 * decode a list exactly as `decodeParams` decodes the same parameters as objects.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { parseParamList, parseParamsValue } from '../src/params.js';
import { decodeParamList, decodeParams } from '../src/rfc2231-decode.js';
import { parseParamsValueReference } from './helpers/params-reference.js';

const piece = fc.oneof(
  fc.constantFrom(
    'text/plain',
    'attachment',
    'Application/PDF',
    ' ',
    '\t',
    '\r\n ',
    ';',
    '=',
    '/',
    '"',
    '\\',
  ),
  fc.constantFrom('(', ')', '(c)', '((x)', 'Name', 'filename', 'FileName*0*', 'filename*1', 'name*', '*0'),
  fc.constantFrom(
    "utf-8''%C3%A4",
    '%41',
    '%4',
    "''",
    "'",
    '"a\\"b"',
    '"x y"',
    '"\\',
    '\u00e4',
    '\u00c4',
    '\u0130',
  ),
  fc.string({ unit: fc.constantFrom('a', 'Z', '0', '*', '%', "'", '.', '-', '\u00e9'), maxLength: 6 }),
);

test('parseParamsValue agrees with the previous parser on any input, work included', () => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 16 }), fc.boolean(), (pieces, withSubtype) => {
      const input = pieces.join('');
      const w1 = { steps: 0 };
      const w2 = { steps: 0 };
      expect(parseParamsValue(input, withSubtype, w1)).toStrictEqual(
        parseParamsValueReference(input, withSubtype, w2),
      );
      expect(w1.steps).toBe(w2.steps);
    }),
    { numRuns: 5000 },
  );
});

test('decodeParamList decodes a list as decodeParams decodes its objects', () => {
  const params = fc
    .array(
      fc.tuple(
        fc.constantFrom(
          'filename',
          'FILENAME',
          'name',
          'Name',
          'filename*',
          'filename*0',
          'filename*0*',
          'FileName*1',
        ),
        fc.constantFrom('filename*1*', 'filename*2', 'name*0*', 'x*', 'x*12345', '\u00c4*0', '\u00e4*1', 'a'),
        fc.constantFrom(
          "utf-8''%C3%A4",
          "UTF-8''%EF%BB%BFx",
          '%41',
          '%4',
          "''",
          "'",
          '"a\\"b"',
          '"x y"',
          'plain',
        ),
        fc.constantFrom('"\\%41"', '"%C3\\%A4"', "bogus''x", "iso-8859-1''%E4", '"\\\\"', '.exe'),
        fc.boolean(),
      ),
      { maxLength: 10 },
    )
    .map((list) => list.map(([a, b, v, w, which]) => `${which ? a : b}=${which ? v : w}`).join('; '));
  fc.assert(
    fc.property(params, (text) => {
      const input = `attachment; ${text}`;
      const parsed = parseParamList(input, false);
      const got = decodeParamList(parsed.list);
      const want = decodeParams(parseParamsValue(input, false).params);
      expect([...got.values]).toEqual([...want.values]);
      expect(got.errors).toEqual(want.errors);
    }),
    { numRuns: 5000 },
  );
});

test('a value in 10,000 sections, the last quoted with a quoted-pair, is decoded from its offsets', () => {
  const sections = Array.from(
    { length: 9_999 },
    (_, i) => `filename*${i}*=${i === 0 ? "utf-8''" : ''}%C3%A4`,
  );
  const input = `attachment; ${sections.join('; ')}; filename*9999="x\\.exe"`;
  const decoded = decodeParamList(parseParamList(input, false).list);
  expect(decoded.errors).toEqual([]);
  expect(decoded.values.get('filename')).toBe(`${'ä'.repeat(9_999)}x.exe`);
});
