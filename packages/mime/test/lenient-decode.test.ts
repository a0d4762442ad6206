import fc from 'fast-check';
import { expect, test } from 'vitest';
import { decodeEncodedWord, decodeEncodedWordsLenient, scanEncodedWords } from '../src/rfc2047-decode.js';

/**
 * Word by word, as RFC 2047 §6 describes it: each valid word decoded alone, whitespace between two dropped; a word
 * that does not decode is text like any other (left in the value, each of its characters copied once).
 */
function reference(value: string): string {
  let out = '';
  let last = 0;
  let lastWasWord = false;
  for (const w of scanEncodedWords(value)) {
    const decoded = decodeEncodedWord(w);
    if (!('text' in decoded)) {
      lastWasWord = false;
      continue;
    }
    const between = value.slice(last, w.start);
    out += lastWasWord && /^[ \t\r\n]*$/.test(between) ? '' : between;
    out += decoded.text;
    lastWasWord = true;
    last = w.start + w.text.length;
  }
  return out + value.slice(last);
}

const b = (bytes: Buffer) => `=?utf-8?B?${bytes.toString('base64')}?=`;
const piece = fc.oneof(
  fc.string({ maxLength: 6 }).map((s) => b(Buffer.from(s, 'utf8'))),
  fc.string({ maxLength: 6 }).map((s) => `=?UTF-8?Q?${encodeURIComponent(s).replace(/%/g, '=')}?=`),
  // Half of a multi-byte character: invalid alone, so it must stay as written.
  fc.constant(b(Buffer.from([0xc3]))),
  fc.constant(b(Buffer.from([0xa4]))),
  fc.constant('=?iso-8859-1?Q?=E4?='),
  fc.constant('=?x?y?'),
  fc.constant('=?utf-8?B?w6Q?='),
  fc.constantFrom(' ', '\t', '\r\n ', 'a', '.exe', '"'),
);

test('decoding runs of words at once gives the word-by-word text', () => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
      const value = pieces.join('');
      expect(decodeEncodedWordsLenient(value)).toBe(reference(value));
    }),
    { numRuns: 3000 },
  );
});
