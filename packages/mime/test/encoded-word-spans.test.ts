/**
 * The offset-based encoded-word path (scanner spans, the hand-written base64 and UTF-8 checks) against
 * independent oracles: Node's base64 decoder with the RFC 2047 alphabet and padding rule, Node's native
 * `buffer.isUtf8`, and the object-per-word API it replaced.
 */
import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  decodeEncodedWordBytes,
  type EncodedWordSpan,
  encodedWordAt,
  encodedWordError,
  encodedWordSpanError,
  isUtf8Range,
  scanEncodedWordSpans,
  scanEncodedWords,
} from '../src/index.js';

/** Base64 as RFC 2047 allows it in a B word, decoded by Node. */
function nodeB(payload: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(payload) || payload.length % 4 !== 0) return undefined;
  return Buffer.from(payload, 'base64');
}

const b64Char = fc.constantFrom(
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split(''),
  '=',
  '-',
  '_',
  '.',
  'ä',
  '\u0100',
);

describe('B payloads', () => {
  test('decode exactly as Node does, and are refused exactly when off the alphabet or badly padded', () => {
    const check = (payload: string) => {
      const got = decodeEncodedWordBytes({ text: '', start: 0, charset: 'utf-8', encoding: 'B', payload });
      const want = nodeB(payload);
      if (want === undefined) expect(typeof got, payload).toBe('string');
      else expect(Buffer.compare(got as Buffer, want), payload).toBe(0);
    };
    for (const p of [
      '',
      'QQ==',
      'QR==',
      'QUI=',
      'QUJD',
      '====',
      'A===',
      'QQ=A',
      'Q',
      'QQ',
      'QUJ',
      '=QQQ',
      'QUJDQQ==',
    ])
      check(p);
    fc.assert(fc.property(fc.string({ unit: b64Char, maxLength: 24 }), check), { numRuns: 5000 });
    // Valid payloads of random bytes, with each possible padding.
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => check(Buffer.from(bytes).toString('base64'))),
      { numRuns: 1000 },
    );
  });
});

describe('isUtf8Range', () => {
  // Bytes around every boundary the UTF-8 grammar has.
  const byte = fc.oneof(
    fc.integer({ min: 0, max: 255 }),
    fc.constantFrom(
      0x7f,
      0x80,
      0xbf,
      0xc0,
      0xc1,
      0xc2,
      0xdf,
      0xe0,
      0xed,
      0xef,
      0xf0,
      0xf4,
      0xf5,
      0xff,
      0x9f,
      0xa0,
      0x8f,
      0x90,
    ),
  );
  test('answers what buffer.isUtf8 answers, for any range of any bytes', () => {
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 16 }), fc.nat(), fc.nat(), (list, x, y) => {
        const b = Uint8Array.from(list);
        const from = list.length === 0 ? 0 : x % (list.length + 1);
        const to = from + (list.length === 0 ? 0 : y % (list.length - from + 1));
        expect(isUtf8Range(b, from, to)).toBe(isUtf8(b.subarray(from, to)));
      }),
      { numRuns: 20000 },
    );
  });
  test('every code point and every surrogate', () => {
    for (let cp = 0; cp <= 0x10ffff; cp += cp < 0x3000 ? 1 : 97) {
      const b = Buffer.from(String.fromCodePoint(cp));
      expect(isUtf8Range(b, 0, b.length)).toBe(true);
    }
    for (let s = 0xd800; s <= 0xdfff; s++) {
      const b = Uint8Array.of(0xe0 | (s >> 12), 0x80 | ((s >> 6) & 0x3f), 0x80 | (s & 0x3f));
      expect(isUtf8Range(b, 0, 3)).toBe(false);
    }
  });
});

describe('spans', () => {
  const piece = fc.oneof(
    fc.constantFrom('=?', '?=', '?', '=', ' ', '\t', 'a', 'utf-8', 'UTF8*de', 'iso-8859-1', 'B', 'q', 'x'),
    fc.constantFrom('=?utf-8?B?w6Q=?=', '=?UTF-8?Q?=C3=A4?=', '=?utf-8?B?pA==?=', '=?x?y?', '=?utf-8?Q?=C?='),
    fc.string({ unit: b64Char, maxLength: 6 }),
  );
  test('a span describes the word scanEncodedWords makes, and its check says what encodedWordError says', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const value = pieces.join('');
        const spans: EncodedWordSpan[] = [];
        const errors: (string | undefined)[] = [];
        scanEncodedWordSpans(value, undefined, (s) => {
          spans.push({ ...s });
          errors.push(encodedWordSpanError(value, s));
        });
        const words = scanEncodedWords(value);
        expect(spans.map((s) => encodedWordAt(value, s))).toEqual(words);
        expect(errors).toEqual(words.map((w) => encodedWordError(w)));
      }),
      { numRuns: 3000 },
    );
  });
});
