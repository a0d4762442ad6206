/**
 * Parameter names are compared without making a string for each (`sameLowerCase`, `ParamList.nameIs`); the
 * oracle is the plain comparison they stand for, `text.slice(from, to).toLowerCase() === lower`, over ASCII of
 * both cases, the characters around 'A'–'Z' (`@`, `[`, `` ` ``, `{`), and non-ASCII text whose lower case differs
 * in length ('İ' lower-cases to two code units) or lies outside ASCII ('É').
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { parseParamList, sameLowerCase } from '../src/params.js';

const char = fc.constantFrom('a', 'z', 'A', 'Z', '@', '[', '`', '{', '0', '-', '*', 'é', 'É', 'İ', 'i');
const text = fc.array(char, { maxLength: 12 }).map((cs) => cs.join(''));

test('sameLowerCase(s, from, to, lower) is s.slice(from, to).toLowerCase() === lower', () => {
  fc.assert(
    fc.property(text, text, fc.nat(), fc.nat(), fc.boolean(), (s, other, a, b, useOwn) => {
      const from = Math.min(a % (s.length + 1), b % (s.length + 1));
      const to = Math.max(a % (s.length + 1), b % (s.length + 1));
      const own = s.slice(from, to).toLowerCase();
      // Half the time the true lower case (with one character changed at times), else unrelated text.
      const lower = useOwn ? own : other.toLowerCase();
      expect(sameLowerCase(s, from, to, lower)).toBe(own === lower);
    }),
    { numRuns: 3000 },
  );
});

test.each([
  ['FileName', 0, 8, 'filename', true],
  ['xFILENAMEx', 1, 9, 'filename', true],
  ['xFILENAMEx', 1, 9, 'filenam', false],
  ['xFILENAMEx', 0, 9, 'filename', false],
  ['NAMF', 0, 4, 'name', false],
  ['@[`{', 0, 4, '@[`{', true],
  // Only 'A'–'Z' fold: '@' is not '`', '[' is not '{'.
  ['@[', 0, 2, '`{', false],
  ['NAmÉ', 0, 4, 'namé', true],
  ['NAMÉ', 0, 4, 'name', false],
  ['', 0, 0, '', true],
  // Lower-casing changes the length here: 'İ' (U+0130) becomes 'i' + U+0307 (found by the property above).
  ['İ', 0, 1, 'i\u0307', true],
  ['xİ', 0, 2, 'xi\u0307', true],
  ['İ', 0, 1, 'i', false],
])('sameLowerCase(%j, %d, %d, %j) is %s', (s, from, to, lower, expected) => {
  expect(sameLowerCase(s, from, to, lower)).toBe(expected);
});

test('ParamList.nameIs(i, lower) agrees with name(i) === lower for every parameter', () => {
  const list = parseParamList('attachment; FileName="a.pdf"; NAME*0*=x; size=3; Filename*=y', false).list;
  const names = ['filename', 'name*0*', 'size', 'filename*', 'name', 'file'];
  expect(list.length).toBe(4);
  for (let i = 0; i < list.length; i++)
    for (const n of names) expect([i, n, list.nameIs(i, n)]).toEqual([i, n, list.name(i) === n]);
  expect(list.nameIs(0, 'filename')).toBe(true);
});
