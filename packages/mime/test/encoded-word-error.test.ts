import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseParamsValue } from '../src/params.js';
import { decodeEncodedWord, encodedWordError, scanEncodedWords } from '../src/rfc2047-decode.js';

// `encodedWordError` (the rule's check, UTF-8 validated natively without building text) must say exactly what
// `decodeEncodedWord` says about every word.
function same(value: string): void {
  for (const word of scanEncodedWords(value)) {
    const d = decodeEncodedWord(word);
    expect(encodedWordError(word), word.text).toBe('error' in d ? d.error : undefined);
  }
}

const charsets = ['UTF-8', 'utf-8', 'utf8', 'UTF-8*de', 'ISO-8859-1', 'us-ascii', 'bogus', 'windows-1252'];

describe('encodedWordError agrees with decodeEncodedWord', () => {
  test('hand-picked words', () => {
    for (const w of [
      '=?UTF-8?B??=',
      '=?UTF-8?Q??=',
      '=?utf-8?b?w6Q=?=',
      '=?UTF-8?B?w6?=',
      '=?UTF-8?Q?=FF?=',
      '=?UTF-8?q?=C3=A4?=',
      '=?UTF-8?B?7aCA?=',
      '=?UTF8?B?77u/?=',
      '=?UTF-8?X?a?=',
      '=?UTF-8?Q?=C3?=',
      '=?UTF-8?Q?=C?=',
      '=?bogus?Q?a?=',
      '=?UTF-8?Q?a',
      `=?UTF-8?Q?${'=C3=A4'.repeat(400)}?=`,
      `=?UTF-8?Q?${'=C3=A4'.repeat(400)}=C3?=`,
      `=?UTF-8?B?${'w6Tk'.repeat(400)}?=`,
    ])
      same(w);
  });

  test('random payloads (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...charsets),
        fc.constantFrom('B', 'b', 'Q', 'q'),
        fc.uint8Array({ maxLength: 40 }),
        fc.boolean(),
        (charset, enc, bytes, raw) => {
          const buf = Buffer.from(bytes);
          const payload = raw
            ? buf.toString('latin1').replace(/[\s?]/g, '')
            : enc.toUpperCase() === 'B'
              ? buf.toString('base64')
              : [...buf].map((b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
          same(`=?${charset}?${enc}?${payload}?=`);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('parameter tokens', () => {
  test('every ASCII character: a token character exactly when not a control, space or tspecial', () => {
    for (let c = 0; c < 0x100; c++) {
      const ch = String.fromCharCode(c);
      const token = c > 0x20 && c !== 0x7f && (c >= 0x80 || !'()<>@,;:\\"/[]?='.includes(ch));
      const parsed = parseParamsValue(`text/plain; x=a${ch}b`, true);
      if (token) expect(parsed.params, `0x${c.toString(16)}`).toEqual([{ name: 'x', value: `a${ch}b` }]);
      else expect(parsed.params.length === 0 || parsed.params[0]?.value !== `a${ch}b`).toBe(true);
    }
  });
});
