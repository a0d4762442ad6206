/**
 * Linear time on hostile input, proved with the parser's work counter (characters read, tokens
 * and parser steps), not with wall-clock time: for every shape the work per input character stays
 * under a small constant at every size, and does not grow with the size.
 */
import { describe, expect, test } from 'vitest';
import { parseAddressListCounted } from '../../src/address/address-list.js';
import type { ParseOptions } from '../../src/address/index.js';
import { MAX_COMMENT_DEPTH } from '../../src/address/index.js';

/** Work allowed per input character (the lexer reads each character once; tokens and parser steps add a little). */
const STEPS_PER_CHAR = 4;

const fill = (unit: string, size: number): string =>
  unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

const SHAPES: Array<[string, (n: number) => string, ParseOptions?]> = [
  ['nested comments', (n) => `${'('.repeat(n / 2)}${')'.repeat(n / 2)} a@b.example`],
  ['unterminated nested comments', (n) => `${'('.repeat(n)}a@b.example`],
  ['nested groups', (n) => `${fill('g:', n)}a@b.example${';'.repeat(8)}`],
  ['group-closing semicolons', (n) => fill(';', n)],
  ['=?x?y? prefixes (decoded)', (n) => `${fill('=?x?y?', n)} <a@b.example>`, { decodeEncodedWords: true }],
  ['=?x?y? words (decoded)', (n) => `${fill('=?x?y? ', n)}<a@b.example>`, { decodeEncodedWords: true }],
  ['unterminated quote', (n) => `"${'a'.repeat(n)}`],
  ['many quotes', (n) => fill('"a"', n)],
  ['escapes in a quote', (n) => `"${fill('\\', n)}`],
  ['angle brackets', (n) => fill('<', n)],
  ['at signs', (n) => fill('@', n)],
  ['dots', (n) => fill('.', n)],
  ['commas', (n) => fill(',', n)],
  ['missing domains', (n) => fill('bad,', n)],
  ['one long word list', (n) => fill('word ', n)],
  ['valid list', (n) => fill('Name <a@b.example>, ', n)],
  ['folds', (n) => fill('a@b.example,\r\n ', n)],
  ['brackets', (n) => fill('[', n)],
  ['source routes', (n) => `<${fill('@x,', n)}:a@b>`],
  ['unicode', (n) => fill('ü😀 ', n)],
];

describe('work is linear in the input', () => {
  test.each(SHAPES)('%s', (_, make, options) => {
    const ratios: number[] = [];
    for (const n of [2048, 16384, 131072]) {
      const value = make(n);
      const work = { steps: 0 };
      parseAddressListCounted(value, options, work);
      // Everything is read at least once: the counter really counts.
      expect(work.steps).toBeGreaterThanOrEqual(value.length);
      expect(work.steps).toBeLessThanOrEqual(STEPS_PER_CHAR * value.length + 64);
      ratios.push(work.steps / value.length);
    }
    // No growth with size: 64× more input costs at most 64× (plus rounding) more work.
    expect(ratios[2]! / ratios[0]!).toBeLessThan(1.05);
  });
});

describe('a 5 MB header value', () => {
  const MB5 = 5 * 1024 * 1024;

  test('a 5 MB list of mailboxes parses completely in linear work', () => {
    const count = Math.floor(MB5 / 13);
    const value = 'a@b.example, '.repeat(count);
    const work = { steps: 0 };
    const r = parseAddressListCounted(value, undefined, work);
    expect(r.mailboxes.length).toBe(count);
    expect(r.problems).toEqual([]);
    expect(work.steps).toBeLessThanOrEqual(STEPS_PER_CHAR * value.length);
  });

  test('5 MB of nested comments is one problem, found in linear work', () => {
    const value = `${'('.repeat(MB5 / 2)}${')'.repeat(MB5 / 2)}a@b.example`;
    const work = { steps: 0 };
    const r = parseAddressListCounted(value, undefined, work);
    expect(r.problems.map((p) => p.code)).toEqual(['address.invalid']);
    expect(r.problems[0]?.reason).toContain(`${MAX_COMMENT_DEPTH} levels`);
    expect(work.steps).toBeLessThanOrEqual(STEPS_PER_CHAR * value.length);
  });
});

describe('nesting bounds', () => {
  const nest = (depth: number) => `${'('.repeat(depth)}c${')'.repeat(depth)} a@b.example`;

  test(`comments nested ${MAX_COMMENT_DEPTH} deep are fine, one more is address.invalid`, () => {
    expect(parseAddressListCounted(nest(MAX_COMMENT_DEPTH), undefined, { steps: 0 }).problems).toEqual([]);
    const r = parseAddressListCounted(nest(MAX_COMMENT_DEPTH + 1), undefined, { steps: 0 });
    expect(r.problems.map((p) => p.code)).toEqual(['address.invalid']);
    expect(r.mailboxes).toEqual([]);
  });

  test('a group inside a group is address.invalid', () => {
    const r = parseAddressListCounted('Outer: Inner: a@b.example;;', undefined, { steps: 0 });
    expect(r.problems[0]?.code).toBe('address.invalid');
    expect(r.problems[0]?.reason).toContain('nested');
  });
});
