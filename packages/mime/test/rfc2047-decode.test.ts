/**
 * RFC 2047 decoding at its edges: what starts and ends an encoded word (RFC 2047 §2: no whitespace inside a
 * word, `=?` … `?=`), every Q escape and every character Q may carry literally (§4.2), US-ASCII's 0x7F edge,
 * the scanner's reuse of a small buffer for long words, and the lenient decoder's joining rules (§6.2: only
 * whitespace between two encoded words is dropped) across charsets. Oracles: exact RFC expectations computed
 * here without the decoder, and Python's `email.header.decode_header` on the rows where Python follows the RFC.
 */
import { describe, expect, test } from 'vitest';
import {
  decodeEncodedWord,
  decodeEncodedWordBytes,
  decodeEncodedWordsLenient,
  type EncodedWord,
  encodedWordError,
  scanEncodedWords,
} from '../src/index.js';
import { python } from './helpers/python.js';

const WHITESPACE = [' ', '\t', '\r', '\n'];
const word = (w: string): EncodedWord => {
  const found = scanEncodedWords(w);
  expect(found.length, w).toBe(1);
  return found[0] as EncodedWord;
};
const bytesOf = (w: EncodedWord): number[] | string => {
  const b = decodeEncodedWordBytes(w);
  return typeof b === 'string' ? b : [...b];
};
const hex2 = (b: number) => b.toString(16).padStart(2, '0');

describe('where an encoded word starts and ends', () => {
  test.each(WHITESPACE.map((ws) => [JSON.stringify(ws), ws]))(
    '%s inside the encoded text ends the word unterminated',
    (_, ws) => {
      expect(scanEncodedWords(`=?UTF-8?Q?a${ws}b?=`)).toEqual([
        {
          text: `=?UTF-8?Q?a${ws}`,
          start: 0,
          charset: 'UTF-8',
          encoding: 'Q',
          payload: 'a',
          structureError: "the word does not end with '?='",
        },
      ]);
      expect(decodeEncodedWordsLenient(`=?UTF-8?Q?a${ws}b?=`)).toBe(`=?UTF-8?Q?a${ws}b?=`);
    },
  );

  test.each(WHITESPACE.map((ws) => [JSON.stringify(ws), ws]))(
    '%s inside the charset or as the encoding means no word at all',
    (_, ws) => {
      for (const v of [`=?UTF${ws}8?Q?a?=`, `=?UTF-8?${ws}?a?=`, `=?${ws}UTF-8?Q?a?=`])
        expect(scanEncodedWords(v), JSON.stringify(v)).toEqual([]);
    },
  );

  test("text that only looks like a word's middle and end is not a word without its '=?'", () => {
    for (const v of ['xab?Q?a?=', 'UTF-8?Q?a?=', 'x?UTF-8?Q?a?=', 'ab?Q?a?= =?']) {
      expect(scanEncodedWords(v), v).toEqual([]);
      expect(decodeEncodedWordsLenient(v), v).toBe(v);
    }
  });

  test("a word ends at its '?=': the '=?' that a B payload's padding makes with it starts nothing", () => {
    // "w6Q=" ends in '=', so "=?=a?Q?b?=" follows inside the value; it is not an encoded word.
    expect(scanEncodedWords('=?UTF-8?B?w6Q=?=a?Q?b?=').map((w) => w.text)).toEqual(['=?UTF-8?B?w6Q=?=']);
    expect(decodeEncodedWordsLenient('=?UTF-8?B?w6Q=?=a?Q?b?=')).toBe('äa?Q?b?=');
  });

  test("an unterminated word followed by ' =' does not swallow the next word", () => {
    expect(scanEncodedWords('=?UTF-8?Q?a =?UTF-8?Q?b?=').map((w) => [w.text, w.structureError])).toEqual([
      ['=?UTF-8?Q?a ', "the word does not end with '?='"],
      ['=?UTF-8?Q?b?=', undefined],
    ]);
    expect(decodeEncodedWordsLenient('=?UTF-8?Q?a =?UTF-8?Q?b?=')).toBe('=?UTF-8?Q?a b');
  });

  test('the scan counter does not depend on where the word is', () => {
    for (const lead of ['', 'x', 'Subject text ', ' '.repeat(50)]) {
      const counter = { steps: 0 };
      scanEncodedWords(`${lead}=?UTF-8?Q?abc?=`, counter);
      expect(counter.steps, JSON.stringify(lead)).toBe(13);
    }
  });
});

describe('Q payloads (RFC 2047 §4.2)', () => {
  test('every escape =XX, upper- and lower-case, is the byte XX', () => {
    for (let b = 0; b < 256; b++)
      for (const h of [hex2(b).toUpperCase(), hex2(b)])
        expect(bytesOf(word(`=?UTF-8?Q?=${h}?=`)), h).toEqual([b]);
  });

  test("every printable ASCII character but '=', '?' and '_' stands for itself; '_' is a space", () => {
    for (let c = 0x21; c < 0x7f; c++) {
      const ch = String.fromCharCode(c);
      if (ch === '=' || ch === '?') continue;
      expect(bytesOf(word(`=?UTF-8?Q?a${ch}b?=`)), ch).toEqual([0x61, ch === '_' ? 0x20 : c, 0x62]);
    }
  });

  test('controls, space, DEL and non-ASCII characters must be escaped', () => {
    const error = 'the Q payload has a character that must be =XX-escaped';
    for (const c of [0x00, 0x01, 0x08, 0x0b, 0x0c, 0x1f, 0x7f, 0x80, 0xe4, 0x20ac]) {
      const v = `=?UTF-8?Q?a${String.fromCharCode(c)}?=`;
      expect(bytesOf(word(v)), hex2(c)).toBe(error);
      expect(decodeEncodedWordsLenient(v), hex2(c)).toBe(v);
    }
    // A word built by a caller (the scanner never puts whitespace in a payload) is checked the same way.
    for (const ws of WHITESPACE) {
      const w = { text: '', start: 0, charset: 'UTF-8', encoding: 'Q', payload: `a${ws}b` };
      expect(bytesOf(w), JSON.stringify(ws)).toBe(error);
    }
  });
});

describe('charsets', () => {
  test('US-ASCII: 0x00–0x7F decode, any byte above is an error even after valid ones', () => {
    const d = (w: string) => decodeEncodedWord(word(w));
    expect(d('=?us-ascii?Q?=7F?=')).toEqual({ text: '\x7f' });
    expect(d('=?US-ASCII?Q?=00a=7F?=')).toEqual({ text: '\x00a\x7f' });
    for (const w of [
      '=?us-ascii?Q?a=80?=',
      '=?us-ascii?Q?a=E4?=',
      '=?ascii?Q?abc=FF?=',
      '=?us-ascii?B?YeQ=?=',
    ])
      expect(d(w), w).toEqual({ error: 'the bytes are not valid US-ASCII' });
  });

  test('encodedWordError checks UTF-8 words longer than its 1,024-byte scratch buffer whole', () => {
    const b = (bytes: Buffer) => word(`=?UTF-8?B?${bytes.toString('base64')}?=`);
    const q = (bytes: Buffer) => word(`=?UTF-8?Q?${[...bytes].map((x) => `=${hex2(x)}`).join('')}?=`);
    // 1,200 bytes of '€' (3 bytes each): a cut at byte 1,024 would fall inside a character.
    const euros = Buffer.from('€'.repeat(400));
    // 1,024 valid bytes, then one that is never valid UTF-8: only the whole word shows it.
    const badTail = Buffer.concat([Buffer.from('ä'.repeat(512)), Buffer.from([0xff])]);
    for (const make of [b, q]) {
      expect(encodedWordError(make(euros))).toBeUndefined();
      expect(encodedWordError(make(badTail))).toBe('the bytes are not valid UTF-8');
      expect(decodeEncodedWord(make(euros))).toEqual({ text: '€'.repeat(400) });
    }
  });
});

/** Lenient decoding: [value, expected text, whether Python's decode_header + make_header gives the same]. */
const LENIENT: [string, string, boolean][] = [
  // §6.2: whitespace is dropped only between two encoded words, never before the first one.
  [' =?UTF-8?Q?a?=', ' a', false],
  ['\t=?UTF-8?Q?a?= b', '\ta b', false],
  ['x =?UTF-8?Q?a?=', 'x a', true],
  ['x=?UTF-8?Q?a?=', 'xa', false],
  // Charsets other than UTF-8 decode too, and join with their neighbours of any charset.
  ['=?ISO-8859-1?Q?=E4?= =?ISO-8859-1?Q?b?=', 'äb', true],
  ['=?UTF-8?Q?a?= =?ISO-8859-1?Q?=E4?=', 'aä', true],
  ['=?ISO-8859-1?Q?=E4?= =?UTF-8?Q?=C3=BC?=', 'äü', true],
  ['x =?UTF-8?Q?a?=\t=?ISO-8859-1?Q?=E4?= y', 'x aä y', true],
  ['=?windows-1252?Q?=80?=\r\n =?UTF-8?B?4oKs?=', '€€', true],
  // Words that do not decode stay as written, with the whitespace around them.
  ['=?UTF-8?Q?=E4?=', '=?UTF-8?Q?=E4?=', false],
  ['=?UTF-8?Q?=G0?=', '=?UTF-8?Q?=G0?=', false],
  ['=?UTF-8?B?w6Q?=', '=?UTF-8?B?w6Q?=', false],
  ['=?UTF-8?Q?a?= =?UTF-8?Q?=E4?=', 'a =?UTF-8?Q?=E4?=', false],
  ['=?UTF-8?Q?=C3=A4?= =?UTF-8?Q?=C3?= =?UTF-8?Q?=A4?=', 'ä =?UTF-8?Q?=C3?= =?UTF-8?Q?=A4?=', false],
  ['=?UTF-8?Q?=C3=A4?= =?UTF-8?Q?=G0?= =?UTF-8?Q?b?=', 'ä =?UTF-8?Q?=G0?= b', false],
  ['=?ISO-8859-1?Q?=E4?= =?UTF-8?Q?=FF?=', 'ä =?UTF-8?Q?=FF?=', false],
  ['=?UTF-8?Q?a', '=?UTF-8?Q?a', false],
  // A malformed word whose shown text reaches into the next word: every character is written once.
  ['=?utf-8?q?=?utf-8?q?x?=', '=?utf-8?q?x', true],
  ['=?a?Q?=?UTF-8?Q?x?=', '=?a?Q?x', false],
  ['=?UTF-8?Q?a?= =?x?Q?=?UTF-8?Q?b?= c', 'a =?x?Q?b c', false],
  ['=?UTF-8?Q?a?= =?UTF-8?Q?b', 'a =?UTF-8?Q?b', false],
];

describe('lenient decoding (file names, display names)', () => {
  test.each(LENIENT)('%j → %j', (value, expected) => {
    expect(decodeEncodedWordsLenient(value)).toBe(expected);
  });

  test('Python decodes the well-formed rows exactly as we do', () => {
    const rows = LENIENT.filter(([, , py]) => py);
    const PY = `
import json, sys
from email.header import decode_header, make_header
json.dump([str(make_header(decode_header(v))) for v in json.load(sys.stdin)], sys.stdout)
`;
    expect(
      python<string>(
        PY,
        rows.map(([v]) => v),
      ),
    ).toEqual(rows.map(([, text]) => text));
  });
});
