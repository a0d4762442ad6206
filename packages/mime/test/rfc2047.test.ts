/**
 * RFC 2047 encoded words, both directions. Oracle: Python's `email.header.decode_header` + `make_header`
 * (an independent decoder), plus an independent word decoder written here; fixed cases pin the exact text.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  chooseEncoding,
  decodeEncodedWord,
  decodeEncodedWordBytes,
  decodeEncodedWordsLenient,
  encodedWordError,
  encodeWordList,
  encodeWords,
  MAX_ENCODED_WORD,
  mayJoin,
  scanEncodedWords,
  utf8Length,
} from '../src/index.js';
import { python } from './helpers/python.js';

const PY_DECODE = `
import json, sys
from email.header import decode_header, make_header
json.dump([str(make_header(decode_header(v))) for v in json.load(sys.stdin)], sys.stdout)
`;

/** Independent decoder of one UTF-8 word (no code shared with the decoder under test). */
function decodeWord(word: string): string {
  const m = /^=\?UTF-8\?([BQ])\?([^?]*)\?=$/.exec(word);
  if (!m) throw new Error(`not a UTF-8 encoded word: ${word}`);
  if (m[1] === 'B') return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(m[2]!, 'base64'));
  const p = m[2]!;
  const bytes: number[] = [];
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '_') bytes.push(0x20);
    else if (p[i] === '=') {
      bytes.push(Number.parseInt(p.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(p.charCodeAt(i));
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
}

const text = fc.string({
  unit: fc.oneof(
    fc.constantFrom('a', ' ', '=', '?', '_', 'ü', '€', '😀', 'e\u0301', '👍🏽'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  ),
  minLength: 1,
  maxLength: 60,
  size: 'max',
});

describe('encoding', () => {
  test('fixed words', () => {
    // Q would be 23 characters of payload, B is 20: B.
    expect(encodeWords('Jürgen Müller')).toBe('=?UTF-8?B?SsO8cmdlbiBNw7xsbGVy?=');
    expect(encodeWords('Jürgen Mueller')).toBe('=?UTF-8?Q?J=C3=BCrgen_Mueller?=');
    expect(encodeWords('これは日本語')).toBe('=?UTF-8?B?44GT44KM44Gv5pel5pys6Kqe?=');
    expect(encodeWords('hello=world?yes_no maybe')).toBe('=?UTF-8?Q?hello=3Dworld=3Fyes=5Fno_maybe?=');
    expect(encodeWords('!*+-/09AZaz')).toBe('=?UTF-8?Q?!*+-/09AZaz?=');
    expect(encodeWords('')).toBe('');
    expect(encodeWordList('')).toEqual([]);
  });

  test('long text is split into words of at most 75 characters, never inside a character', () => {
    const words = encodeWordList('ü'.repeat(40));
    expect(words).toEqual([
      // 63 characters of payload hold 45 bytes of base64, that is 22 whole 'ü' (44 bytes, 60 characters).
      `=?UTF-8?B?${Buffer.from('ü'.repeat(22)).toString('base64')}?=`,
      `=?UTF-8?B?${Buffer.from('ü'.repeat(18)).toString('base64')}?=`,
    ]);
    expect(words[0]!.length).toBe(72);
    const q = encodeWordList(`${'a'.repeat(70)}ü`);
    expect(q).toEqual([`=?UTF-8?Q?${'a'.repeat(63)}?=`, `=?UTF-8?Q?${'a'.repeat(7)}=C3=BC?=`]);
    expect(q[0]!.length).toBe(MAX_ENCODED_WORD);
  });

  test('the first word fits firstMax when one character fits; otherwise it is a normal word', () => {
    expect(encodeWordList('abcdef', 15)).toEqual(['=?UTF-8?Q?abc?=', '=?UTF-8?Q?def?=']);
    expect(encodeWordList('abcdef', 13)).toEqual(['=?UTF-8?Q?a?=', '=?UTF-8?Q?bcdef?=']);
    expect(encodeWordList('abcdef', 12)).toEqual(['=?UTF-8?Q?abcdef?=']);
    expect(encodeWordList('abcdef', 200)).toEqual(['=?UTF-8?Q?abcdef?=']);
  });

  test('clusters stay whole: a joined emoji is never split across words', () => {
    const family = '👨‍👩‍👧';
    const words = encodeWordList(`${'x'.repeat(30)}${family}`, 50);
    expect(words.map(decodeWord).some((d) => d.includes(family))).toBe(true);
  });

  test('Q on a tie, B when shorter', () => {
    expect(chooseEncoding(Buffer.from(''))).toBe('Q');
    expect(chooseEncoding(Buffer.from('abc'))).toBe('Q');
    // 'ü' is 2 bytes: Q "=C3=BC" is 6, B "w7w=" is 4.
    expect(chooseEncoding(Buffer.from('ü'))).toBe('B');
    // 3 bytes, one escaped: Q is 5 ("a=3Db"), B is 4.
    expect(chooseEncoding(Buffer.from('a=b'))).toBe('B');
    // 4 bytes, one escaped: Q is 6, B is 8.
    expect(chooseEncoding(Buffer.from('ab=c'))).toBe('Q');
  });

  test('utf8Length is the UTF-8 byte length, lone surrogates counted as U+FFFD', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(utf8Length(s)).toBe(Buffer.byteLength(s, 'utf8'));
      }),
    );
    expect(utf8Length('a\u00e9\u20ac😀\ud800x\udc00')).toBe(1 + 2 + 3 + 4 + 3 + 1 + 3);
  });

  test('utf8Length at every UTF-8 length boundary and around unpaired surrogates', () => {
    const cases = [
      '\x7f',
      '\x80',
      '\u07ff',
      '\u0800',
      '\ud7ff',
      '\ue000',
      '\uffff',
      '\u{10000}',
      '\u{10ffff}',
    ];
    const odd = [
      '\u20ac\udc00',
      '\udc00\udc00',
      '\ud800\u20ac',
      '\ud800\ue000',
      '\ud800a',
      'a\ud800',
      '\udbff\udfff',
    ];
    for (const s of [...cases, ...odd])
      expect(utf8Length(s), JSON.stringify(s)).toBe(Buffer.byteLength(s, 'utf8'));
    expect(cases.map(utf8Length)).toEqual([1, 2, 2, 3, 3, 3, 3, 4, 4]);
  });

  test('words split only between characters at every UTF-8 length boundary', () => {
    for (const ch of ['\x80', '\u07ff', '\u0800', '\ud7ff', '\ue000', '\u{10000}', '\u{10ffff}'])
      for (const lead of ['', 'a', 'ab'])
        for (const tail of ['', 'a', '\x7f']) {
          const s = `${lead}${ch.repeat(40)}${tail}`;
          const words = encodeWordList(s);
          expect(words.length, JSON.stringify(s)).toBeGreaterThan(1);
          expect(words.map(decodeWord).join(''), JSON.stringify(s)).toBe(s);
          for (const w of words) expect(w.length).toBeLessThanOrEqual(MAX_ENCODED_WORD);
        }
  });

  test('an unpaired surrogate is encoded as U+FFFD (3 bytes) and splits stay between characters', () => {
    for (const unit of ['\ud800\u20ac', '\udc00\udc00', '\ud800\ue000', '\u20ac\udfff', '\udbffa']) {
      const words = encodeWordList(unit.repeat(20));
      expect(words.length, JSON.stringify(unit)).toBeGreaterThan(1);
      expect(words.map(decodeWord).join(''), JSON.stringify(unit)).toBe(
        unit.repeat(20).replace(/[\ud800-\udfff]/g, '\ufffd'),
      );
    }
  });

  test('Q words after the first start with an empty payload: 200 letters are 63 + 63 + 63 + 11', () => {
    expect(encodeWordList('a'.repeat(200))).toEqual(
      [63, 63, 63, 11].map((k) => `=?UTF-8?Q?${'a'.repeat(k)}?=`),
    );
  });

  test('a cluster that fits a word is never split; one that cannot fit any word is split between code points', () => {
    // Q: 62 letters and "e" fill 63 characters; the combining accent must not be left alone in the next word.
    expect(encodeWordList(`${'a'.repeat(62)}e\u0301`)).toEqual([
      `=?UTF-8?Q?${'a'.repeat(62)}?=`,
      '=?UTF-8?Q?e=CC=81?=',
    ]);
    // B: a 45-byte cluster (exactly what one word holds) after "x" moves whole into the second word.
    const cluster45 = `e${'\u0301'.repeat(22)}`;
    expect(encodeWordList(`x${cluster45}`)).toEqual([
      `=?UTF-8?B?${Buffer.from('x').toString('base64')}?=`,
      `=?UTF-8?B?${Buffer.from(cluster45).toString('base64')}?=`,
    ]);
    // Oversize clusters in B (61 bytes) and in Q (23 bytes, 67 characters of payload) are split, words stay ≤ 75.
    for (const s of [`e${'\u0301'.repeat(30)}`, `${'a'.repeat(300)}e${'\u0301'.repeat(11)}`]) {
      const words = encodeWordList(s);
      expect(words.map(decodeWord).join('')).toBe(s);
      for (const w of words) expect(w.length, w).toBeLessThanOrEqual(MAX_ENCODED_WORD);
    }
  });

  test('encodeWords joins the words with single spaces', () => {
    const words = encodeWordList('ü'.repeat(40));
    expect(encodeWords('ü'.repeat(40))).toBe(`${words[0]} ${words[1]}`);
  });

  // The encoder segments long text in windows of 128 code units. Oracle: Intl.Segmenter over the whole text at once.
  test('clusters stay whole wherever they meet the segmentation window, also when it cuts a surrogate pair', () => {
    const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
    // Each unit repeated past two windows, shifted by 0–47 letters so every code unit of it meets a window edge at
    // a different place in a word; in 'ab\u{101FD}' the mark's high surrogate is D800, the lowest there is.
    for (const unit of ['👍🏽', '🇩🇪', '👨‍👩‍👧', 'ab\u{101FD}'])
      for (let shift = 0; shift < 48; shift++) {
        const s = `${'a'.repeat(shift)}${unit.repeat(Math.ceil(300 / unit.length))}`;
        const words = encodeWordList(s);
        expect(words.map(decodeWord).join('')).toBe(s);
        const starts = new Set([...graphemes.segment(s)].map((g) => g.index));
        let at = 0;
        for (const w of words.slice(0, -1)) {
          at += decodeWord(w).length;
          expect(starts.has(at), `${JSON.stringify(unit)} after ${shift} letters: word ends at ${at}`).toBe(
            true,
          );
        }
      }
  });

  test('a cluster longer than the segmentation window is split between code points into words of at most 75', () => {
    for (const marks of [127, 128, 200, 300]) {
      const s = `e${'\u0301'.repeat(marks)}`;
      const words = encodeWordList(s);
      expect(words.map(decodeWord).join('')).toBe(s); // decodeWord fails on a word that splits a code point
      for (const w of words) expect(w.length).toBeLessThanOrEqual(MAX_ENCODED_WORD);
    }
  });

  test('an unpaired high surrogate at the end of text with joining characters is U+FFFD', () => {
    for (const s of ['e\u0301\ud83d', `${'e\u0301'.repeat(100)}\ud83d`, `${'a'.repeat(127)}\ud83d\u0301`])
      expect(encodeWordList(s).map(decodeWord).join('')).toBe(s.replace(/[\ud800-\udfff]/g, '\ufffd'));
  });

  test('mayJoin: true exactly where a cluster can span code points', () => {
    expect(['abc', 'Grüße', 'これは', '😀😀'].map(mayJoin)).toEqual([false, false, false, false]);
    expect(['e\u0301', '👍🏽', '👨‍👩‍👧', '🇩🇪', 'ก\u0e33'].map(mayJoin)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
  });

  test('property: words ≤ 75, first ≤ firstMax when it can be, one encoding, decode back exactly', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 80 }), (s, firstMax) => {
        const words = encodeWordList(s, firstMax);
        expect(words.map(decodeWord).join('')).toBe(s);
        for (const w of words) expect(w.length).toBeLessThanOrEqual(MAX_ENCODED_WORD);
        // 24 characters always hold one code point (12 of overhead + "=XX" × 4 or 8 of base64).
        if (firstMax >= 24 && !mayJoin(s)) expect(words[0]!.length).toBeLessThanOrEqual(firstMax);
        const enc = chooseEncoding(Buffer.from(s));
        for (const w of words) expect(w.startsWith(`=?UTF-8?${enc}?`)).toBe(true);
        // Greedy: without multi-code-point clusters the next atom is one code point (≤ 12 characters encoded), so
        // every word but the first and last is closed only when fewer than 12 characters were left.
        if (!mayJoin(s))
          for (const w of words.slice(1, -1)) expect(w.length).toBeGreaterThan(MAX_ENCODED_WORD - 12);
        expect(decodeEncodedWordsLenient(words.join(' '))).toBe(s);
      }),
      { numRuns: 300 },
    );
  });

  test('Python decodes what we encode back to the text', () => {
    const texts = fc.sample(text, 200);
    const answers = python<string>(PY_DECODE, texts.map(encodeWords));
    expect(answers).toEqual(texts);
  });
});

describe('scanning', () => {
  test('finds words with their offsets, charset, encoding and payload', () => {
    expect(scanEncodedWords('Hi =?UTF-8?Q?a_b?= and =?iso-8859-1*de?b?5A==?=!')).toEqual([
      { text: '=?UTF-8?Q?a_b?=', start: 3, charset: 'UTF-8', encoding: 'Q', payload: 'a_b' },
      {
        text: '=?iso-8859-1*de?b?5A==?=',
        start: 23,
        charset: 'iso-8859-1*de',
        encoding: 'b',
        payload: '5A==',
      },
    ]);
  });

  test('what is not a word start is skipped; broken words carry a structure error', () => {
    for (const v of [
      '=?',
      '=??Q?a?=',
      '=?UTF-8?',
      '=?UTF-8? ?a?=',
      '=?UTF-8?QQ?a?=',
      '=?UTF 8?Q?a?=',
      'a=?b',
      '=? UTF-8?Q?a?=',
    ])
      expect(scanEncodedWords(v), v).toEqual([]);
    expect(scanEncodedWords('=?UTF-8?Q?a b?=')).toEqual([
      {
        text: '=?UTF-8?Q?a ',
        start: 0,
        charset: 'UTF-8',
        encoding: 'Q',
        payload: 'a',
        structureError: "the word does not end with '?='",
      },
    ]);
    expect(scanEncodedWords('x =?UTF-8?Q?a?b?= y')[0]).toEqual({
      text: '=?UTF-8?Q?a?',
      start: 2,
      charset: 'UTF-8',
      encoding: 'Q',
      payload: 'a',
      structureError: "the encoded text contains '?' or the word does not end with '?='",
    });
    expect(scanEncodedWords('=?UTF-8?Q?abc')[0]?.structureError).toBe("the word does not end with '?='");
    // A broken word's text is cut at 120 characters; scanning resumes right after its "=?".
    const long = `=?UTF-8?Q?${'a'.repeat(200)}`;
    expect(scanEncodedWords(long)[0]?.text).toBe(long.slice(0, 120));
    expect(scanEncodedWords('=?a?Q?=?UTF-8?Q?x?=').map((w) => [w.text, w.start])).toEqual([
      ['=?a?Q?=?', 0],
      ['=?UTF-8?Q?x?=', 6],
    ]);
  });

  test('the scan counter counts characters examined', () => {
    const counter = { steps: 0 };
    scanEncodedWords('=?UTF-8?Q?abc?=', counter);
    expect(counter.steps).toBe(13);
  });
});

describe('decoding', () => {
  const word = (w: string) => scanEncodedWords(w)[0]!;
  const bytes = (w: string) => {
    const b = decodeEncodedWordBytes(word(w));
    return typeof b === 'string' ? b : [...b];
  };

  test('B and Q payloads to bytes', () => {
    expect(bytes('=?UTF-8?B?w6Q=?=')).toEqual([0xc3, 0xa4]);
    expect(bytes('=?UTF-8?b?w6Q=?=')).toEqual([0xc3, 0xa4]);
    expect(bytes('=?UTF-8?B??=')).toEqual([]);
    expect(bytes('=?UTF-8?Q?a_=C3=a4=3d~!?=')).toEqual([0x61, 0x20, 0xc3, 0xa4, 0x3d, 0x7e, 0x21]);
    expect(bytes('=?UTF-8?q?=09=0A?=')).toEqual([9, 10]);
    expect(bytes('=?UTF-8?Q?=9f=FA?=')).toEqual([0x9f, 0xfa]);
  });

  test('malformed payloads say what is wrong', () => {
    const alphabet = 'the B (base64) payload has characters outside the alphabet or bad padding';
    expect(bytes('=?UTF-8?B?w6Q?=')).toBe(alphabet);
    expect(bytes('=?UTF-8?B?w6Q*?=')).toBe(alphabet);
    expect(bytes('=?UTF-8?B?w6Q===?=')).toBe(alphabet);
    expect(bytes('=?UTF-8?Q?=C?=')).toBe("the Q payload has a malformed escape '=C'");
    expect(bytes('=?UTF-8?Q?=G0?=')).toBe("the Q payload has a malformed escape '=G0'");
    expect(bytes('=?UTF-8?Q?=0g?=')).toBe("the Q payload has a malformed escape '=0g'");
    expect(bytes('=?UTF-8?Q?=/0?=')).toBe("the Q payload has a malformed escape '=/0'");
    expect(bytes('=?UTF-8?Q?=:0?=')).toBe("the Q payload has a malformed escape '=:0'");
    expect(bytes('=?UTF-8?Q?=@0?=')).toBe("the Q payload has a malformed escape '=@0'");
    expect(bytes('=?UTF-8?Q?=`0?=')).toBe("the Q payload has a malformed escape '=`0'");
    expect(bytes('=?UTF-8?Q?=g0?=')).toBe("the Q payload has a malformed escape '=g0'");
    expect(bytes('=?UTF-8?Q?a\u007f?=')).toBe('the Q payload has a character that must be =XX-escaped');
    expect(bytes('=?UTF-8?Q?\u00e4?=')).toBe('the Q payload has a character that must be =XX-escaped');
    expect(bytes('=?UTF-8?X?a?=')).toBe("the encoding 'X' is neither B nor Q");
  });

  test('charsets: known, language suffix, strict UTF-8 and US-ASCII, replacement characters refused', () => {
    const d = (w: string) => decodeEncodedWord(word(w));
    expect(d('=?UTF-8?Q?=C3=A4?=')).toEqual({ text: 'ä' });
    expect(d('=?utf8?Q?=C3=A4?=')).toEqual({ text: 'ä' });
    expect(d('=?UTF-8*de?Q?=C3=A4?=')).toEqual({ text: 'ä' });
    expect(d('=?ISO-8859-1?Q?=E4?=')).toEqual({ text: 'ä' });
    expect(d('=?us-ascii?Q?a?=')).toEqual({ text: 'a' });
    expect(d('=?ascii?Q?a?=')).toEqual({ text: 'a' });
    expect(d('=?us-ascii?Q?=E4?=')).toEqual({ error: 'the bytes are not valid US-ASCII' });
    expect(d('=?ascii?Q?=E4?=')).toEqual({ error: 'the bytes are not valid US-ASCII' });
    expect(d('=?UTF-8?Q?=E4?=')).toEqual({ error: 'the bytes are not valid UTF-8' });
    expect(d('=?utf8?Q?=E4?=')).toEqual({ error: 'the bytes are not valid UTF-8' });
    expect(d('=?Shift_JIS?B?gg==?=')).toEqual({ error: 'the bytes are not valid Shift_JIS' });
    expect(d('=?bogus?Q?a?=')).toEqual({ error: "unknown charset 'bogus'" });
    expect(d('=?UTF-8?Q?a')).toEqual({ error: "the word does not end with '?='" });
    expect(d('=?UTF-8?B?w6Q?=')).toEqual({
      error: 'the B (base64) payload has characters outside the alphabet or bad padding',
    });
  });

  test('encodedWordError says what decodeEncodedWord says, without decoding UTF-8 to text', () => {
    const e = (w: string) => encodedWordError(word(w));
    expect(e('=?UTF-8?Q?=C3=A4?=')).toBeUndefined();
    expect(e('=?UTF-8?Q?=E4?=')).toBe('the bytes are not valid UTF-8');
    expect(e('=?UTF-8?Q?a')).toBe("the word does not end with '?='");
    expect(e('=?UTF-8*en?Q?=C3?=')).toBe('the bytes are not valid UTF-8');
    expect(e(`=?UTF-8?Q?${'=C3=A4'.repeat(300)}?=`)).toBeUndefined();
    expect(e(`=?UTF-8?Q?${'=C3=A4'.repeat(300)}=C3?=`)).toBe('the bytes are not valid UTF-8');
    expect(e('=?ISO-8859-1?Q?=E4?=')).toBeUndefined();
    expect(e('=?bogus?Q?a?=')).toBe("unknown charset 'bogus'");
    expect(e('=?UTF-8?Q?=C?=')).toBe("the Q payload has a malformed escape '=C'");
  });

  test('lenient decoding for file names: adjacent words join, text between stays, broken words stay', () => {
    expect(decodeEncodedWordsLenient('plain')).toBe('plain');
    expect(decodeEncodedWordsLenient('=?UTF-8?Q?a?= =?UTF-8?Q?b?=')).toBe('ab');
    expect(decodeEncodedWordsLenient('=?UTF-8?Q?a?=\r\n\t=?UTF-8?Q?b?=')).toBe('ab');
    expect(decodeEncodedWordsLenient('x =?UTF-8?Q?a?= y =?UTF-8?Q?b?= z')).toBe('x a y b z');
    expect(decodeEncodedWordsLenient('=?bogus?Q?a?= =?UTF-8?Q?b?=')).toBe('=?bogus?Q?a?= b');
    expect(decodeEncodedWordsLenient('=?UTF-8?Q?a?= =?bogus?Q?b?= =?UTF-8?Q?c?=')).toBe('a =?bogus?Q?b?= c');
    expect(decodeEncodedWordsLenient('=?UTF-8?Q?a?=.pdf')).toBe('a.pdf');
  });

  test('Python decodes well-formed values exactly as we do', () => {
    const values = fc
      .sample(
        fc.array(
          fc.tuple(
            fc.constantFrom('UTF-8', 'ISO-8859-1', 'utf-8'),
            fc.constantFrom('B', 'Q'),
            fc.string({
              unit: fc.constantFrom('a', 'Z', '0', ' ', '_', '=', '?', 'ä', 'ß', 'é', '\t'),
              minLength: 1,
              maxLength: 12,
            }),
          ),
          { minLength: 1, maxLength: 4 },
        ),
        150,
      )
      .map((parts) =>
        parts
          .map(([charset, enc, s]) => {
            const latin = charset === 'ISO-8859-1';
            const b = Buffer.from(s, latin ? 'latin1' : 'utf8');
            const payload =
              enc === 'B'
                ? b.toString('base64')
                : [...b]
                    .map((x) =>
                      /[A-Za-z0-9]/.test(String.fromCharCode(x))
                        ? String.fromCharCode(x)
                        : `=${x.toString(16).toUpperCase().padStart(2, '0')}`,
                    )
                    .join('');
            return `=?${charset}?${enc}?${payload}?=`;
          })
          .join(' '),
      );
    expect(python<string>(PY_DECODE, values)).toEqual(values.map(decodeEncodedWordsLenient));
  });
});
