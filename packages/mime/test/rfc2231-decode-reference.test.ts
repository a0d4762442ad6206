/**
 * decodeParams keeps each parameter's sections in parallel lists and reads section numbers without a regular
 * expression; the oracle is the previous implementation (a regular expression and an object per section, kept in
 * test/helpers), which must agree on every list of parameters: values, their order, and every error text.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { RawParam } from '../src/params.js';
import { decodeParams } from '../src/rfc2231-decode.js';
import { decodeParamsReference } from './helpers/decode-params-reference.js';

const name = fc.oneof(
  fc.constantFrom('filename', 'name', 'charset', 'x', 'Filename'),
  fc
    .tuple(
      fc.constantFrom('filename', 'name', 'x', '', 'a*b'),
      fc.constantFrom(
        '*',
        '**',
        '*0',
        '*0*',
        '*1',
        '*1*',
        '*2',
        '*00',
        '*01*',
        '*9999',
        '*12345',
        '*1a',
        '*-1',
        '*0**',
      ),
    )
    .map(([base, suffix]) => base + suffix),
  fc.string({ unit: fc.constantFrom('a', '*', '0', '1', '9'), maxLength: 6 }),
);

const value = fc.oneof(
  fc.constantFrom(
    "utf-8''%C3%A4",
    "UTF-8'de'a%20b",
    "iso-8859-1''%E4",
    "bogus''x",
    "''plain",
    "'",
    'no-quotes',
  ),
  fc.constantFrom('%C3', '%A4', '%4', '%zz', '%', '.exe', 'a b', '\u00e4', '\u0100', "utf-8''%EF%BB%BFbom"),
  fc.string({ maxLength: 8 }),
);

const param = fc.record({ name, value }) as fc.Arbitrary<RawParam>;

test('decodeParams agrees with the previous implementation on any parameter list', () => {
  fc.assert(
    fc.property(fc.array(param, { maxLength: 12 }), (params) => {
      const got = decodeParams(params);
      const want = decodeParamsReference(params);
      expect([...got.values]).toEqual([...want.values]);
      expect(got.errors).toEqual(want.errors);
    }),
    { numRuns: 5000 },
  );
});

test('sections out of order, repeated or missing: the same values and errors as before', () => {
  const cases: RawParam[][] = [
    [
      { name: 'filename*1', value: 'b' },
      { name: 'filename*0', value: 'a' },
    ],
    [
      { name: 'filename*0', value: 'a' },
      { name: 'filename*0', value: 'b' },
    ],
    [
      { name: 'filename*0', value: 'a' },
      { name: 'filename*2', value: 'c' },
    ],
    [
      { name: 'filename*2*', value: '%41' },
      { name: 'name', value: 'n' },
      { name: 'filename*0*', value: "utf-8''%C3%A4" },
      { name: 'filename*1', value: '.exe' },
      { name: 'filename', value: 'plain' },
    ],
    Array.from({ length: 300 }, (_, i) => ({ name: `filename*${299 - i}`, value: String(i % 10) })),
  ];
  for (const params of cases) {
    const got = decodeParams(params);
    const want = decodeParamsReference(params);
    expect([...got.values]).toEqual([...want.values]);
    expect(got.errors).toEqual(want.errors);
  }
});
