import fc from 'fast-check';
import { expect, test } from 'vitest';
import { parseParamsValue } from '../src/params.js';
import { decodeParams, MAX_PARAM_SECTIONS } from '../src/rfc2231-decode.js';

/** `filename*N*=` sections of the percent-encoded UTF-8 of `text`, cut at the given points. */
function sectioned(text: string, cuts: number[]): string {
  const encoded = [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  const points = [...new Set(cuts.map((c) => (c % (encoded.length / 3 + 1)) * 3))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let last = 0;
  for (const p of [...points, encoded.length]) {
    if (p > last) pieces.push(encoded.slice(last, p));
    last = p;
  }
  if (pieces.length === 0) pieces.push('');
  return pieces.map((v, i) => `filename*${i}*=${i === 0 ? "utf-8''" : ''}${v}`).join('; ');
}

test('continuations in any cutting decode to the text (percent-escapes, UTF-8)', () => {
  fc.assert(
    fc.property(
      fc.string({ maxLength: 40, unit: 'grapheme' }),
      fc.array(fc.nat(), { maxLength: 8 }),
      (text, cuts) => {
        const parsed = parseParamsValue(`attachment; ${sectioned(text, cuts)}`, false);
        const decoded = decodeParams(parsed.params);
        expect(decoded.errors).toEqual([]);
        expect(decoded.values.get('filename')).toBe(text);
      },
    ),
    { numRuns: 1000 },
  );
});

test('every section counts: a name in 1,500 continuations keeps its last one', () => {
  const sections = Array.from({ length: 1500 }, (_, i) => `filename*${i}=${i === 1499 ? 'x.exe' : 'a'}`);
  const decoded = decodeParams(parseParamsValue(`attachment; ${sections.join('; ')}`, false).params);
  expect(decoded.errors).toEqual([]);
  expect(decoded.values.get('filename')).toBe(`${'a'.repeat(1499)}x.exe`);
});

test('more sections than MAX_PARAM_SECTIONS is an error, not a silent cut (numbers repeat)', () => {
  const sections = Array.from({ length: MAX_PARAM_SECTIONS + 1 }, (_, i) => `name*${i % 10_000}=a`);
  const decoded = decodeParams(parseParamsValue(`application/pdf; ${sections.join('; ')}`, true).params);
  expect(decoded.errors).toEqual([expect.stringContaining('RFC 2231 continuations')]);
});

test('a file name whose end is in section 10,000 or later is never cut short before it', () => {
  // Section numbers of five digits were read as part of the name: `filename*10000` became a parameter of its
  // own, and the file name ended before `.exe` without any error.
  for (const last of [MAX_PARAM_SECTIONS - 1, MAX_PARAM_SECTIONS, MAX_PARAM_SECTIONS + 1]) {
    const sections = Array.from({ length: last + 1 }, (_, i) => `filename*${i}=${i === last ? '.exe' : 'a'}`);
    const decoded = decodeParams(parseParamsValue(`attachment; ${sections.join('; ')}`, false).params);
    if (last < MAX_PARAM_SECTIONS) {
      expect(decoded.errors).toEqual([]);
      expect(decoded.values.get('filename')).toBe(`${'a'.repeat(last)}.exe`);
    } else {
      expect(decoded.errors).toEqual([
        `parameter 'filename' has ${last + 1} RFC 2231 continuations; at most ${MAX_PARAM_SECTIONS} can be numbered`,
      ]);
      expect([...decoded.values.keys()]).toEqual([]);
    }
  }
});

test('a malformed escape is reported', () => {
  const decoded = decodeParams(parseParamsValue("attachment; filename*=utf-8''a%4", false).params);
  expect(decoded.errors).toEqual([expect.stringContaining('%-escape')]);
});
