/**
 * The UTF-8 text body shortcuts (reused scratch, Latin-1 text read as bytes) must give exactly what encoding the
 * UTF-8 bytes gives: same transfer encoding, same bytes.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { encodeTextBody, encodeUtf8TextBody } from '../src/body-encoding.js';

const latin1Char = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
  { weight: 2, arbitrary: fc.integer({ min: 0x80, max: 0xff }) },
  { weight: 1, arbitrary: fc.constantFrom(0x0d, 0x0a, 0x09, 0x20, 0x3d, 0x00, 0x7f) },
);
const piece = fc.oneof(
  { weight: 6, arbitrary: latin1Char.map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.constantFrom('\r\n', ' \r\n', '=\r\n', 'x'.repeat(80), 'ü'.repeat(30)) },
  { weight: 1, arbitrary: fc.constantFrom('€', '\ud800', '😀', '–') },
);
const text = fc.array(piece, { maxLength: 300 }).map((p) => p.join(''));
const latin1Text = fc.array(latin1Char, { maxLength: 400 }).map((cs) => String.fromCharCode(...cs));

test('encodeUtf8TextBody equals encodeTextBody of the UTF-8 bytes', () => {
  const seen = new Set<string>();
  fc.assert(
    fc.property(fc.oneof(text, latin1Text), (s) => {
      const want = encodeTextBody(Buffer.from(s, 'utf8'));
      const got = encodeUtf8TextBody(s);
      seen.add(got.encoding);
      expect(got.encoding).toBe(want.encoding);
      expect(Buffer.from(got.bytes).equals(Buffer.from(want.bytes))).toBe(true);
    }),
    { numRuns: 3000 },
  );
  expect([...seen].sort()).toEqual(['7bit', 'base64', 'quoted-printable']);
});
