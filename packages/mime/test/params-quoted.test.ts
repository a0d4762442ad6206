/**
 * Quoted parameter values are read with `indexOf` jumps; the oracle is a character-by-character reading of
 * RFC 2045's quoted-string (a backslash keeps the next character, whatever it is), written here.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { parseParamsValue } from '../src/params.js';

/** The quoted-string at the start of `s` (which begins with `"`): its text and length, or undefined. */
function readQuoted(s: string): { text: string; length: number } | undefined {
  let text = '';
  for (let i = 1; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '"') return { text, length: i + 1 };
    if (c === '\\') {
      i++;
      if (i >= s.length) return undefined;
      text += s[i];
    } else text += c;
  }
  return undefined;
}

test('a quoted value reads as a character-by-character reading says, escapes and unterminated ends included', () => {
  const unit = fc.constantFrom('a', 'b', '"', '\\', ' ', ';', '=', '\u00e4');
  fc.assert(
    fc.property(fc.string({ unit, maxLength: 16 }), (tail) => {
      const quoted = `"${tail}`;
      const parsed = parseParamsValue(`text/plain; x=${quoted}`, true);
      const want = readQuoted(quoted);
      if (want === undefined) {
        expect(parsed.error).toBe("Unterminated quoted string in parameter 'x'");
        expect(parsed.params).toEqual([]);
      } else {
        expect(parsed.params[0]).toEqual({ name: 'x', value: want.text });
        // What follows the closing quote is parsed on: an error there is about what follows, never the quote.
        if (want.length === quoted.length) expect(parsed.error).toBeUndefined();
      }
    }),
    { numRuns: 5000 },
  );
});

test('a value of 100,000 escapes is read whole', () => {
  const parsed = parseParamsValue(`attachment; filename="${'\\"'.repeat(100_000)}.exe"`, false);
  expect(parsed.params[0]?.value).toBe(`${'"'.repeat(100_000)}.exe`);
});
