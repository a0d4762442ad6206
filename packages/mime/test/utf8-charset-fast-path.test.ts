/**
 * The UTF-8 fast path (`encodedWordError`, `encodedWordSpanError`, `decodeEncodedWordsLenient` skip iconv for a
 * UTF-8 word) must take exactly the words whose charset is UTF-8 (`utf-8` / `utf8` in any case, with or without
 * an RFC 2231 `*language`): the oracle is `decodeEncodedWord`, which names the charset by a plain lower-cased
 * comparison and decodes every other charset with iconv-lite. Near misses ('utf-7', 'utf-16', 'xtf-8', 'utf-88',
 * …) must not take the fast path; payloads are valid UTF-8 ('ä'), Latin-1 only (0xE4) and ASCII.
 */
import { describe, expect, test } from 'vitest';
import {
  decodeEncodedWord,
  decodeEncodedWordsLenient,
  encodedWordError,
  encodedWordSpanError,
  scanEncodedWordSpans,
  scanEncodedWords,
} from '../src/index.js';

const charsets = [
  'utf-8',
  'UTF-8',
  'Utf-8',
  'utf8',
  'UTF8',
  'utf-8*de',
  'UTF8*en-GB',
  'utf-7',
  'utf-16',
  'utf-9',
  'utf_8',
  'utf-88',
  'utf88',
  'utf',
  'ut-8',
  'xtf-8',
  'uxf-8',
  'utx-8',
  'utfx8',
  'utf-x',
  'utf8x',
  'iso-8859-1',
  'latin1',
  'us-ascii',
  'windows-1252',
  'koi8-r',
];
const payloads = ['q?=C3=A4', 'q?=E4', 'q?abc', 'b?w6Q=', 'b?5A==', 'b?YWJj'];

describe.each(charsets)('charset %s', (charset) => {
  test.each(payloads)('payload %s: the fast path agrees with decodeEncodedWord', (payload) => {
    const value = `=?${charset}?${payload}?=`;
    const [word] = scanEncodedWords(value);
    expect(word).toBeDefined();
    const general = decodeEncodedWord(word!);
    const expectedError = 'error' in general ? general.error : undefined;
    expect(encodedWordError(word!)).toBe(expectedError);
    const spans: Parameters<typeof encodedWordSpanError>[1][] = [];
    scanEncodedWordSpans(value, undefined, (span) => {
      spans.push({ ...span });
    });
    expect(spans).toHaveLength(1);
    expect(encodedWordSpanError(value, spans[0]!)).toBe(expectedError);
    // The lenient decoder shows a word that decodes as its text, and one that does not as it stands.
    expect(decodeEncodedWordsLenient(`x ${value} y`)).toBe(`x ${'text' in general ? general.text : value} y`);
  });
});
