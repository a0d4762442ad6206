import fc from 'fast-check';
import { expect, test } from 'vitest';
import { withCrlfLineEndings } from '../src/nodemailer/crlf.js';

const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');

test('bare LFs become CRLF; existing CRLFs and bare CRs are kept', () => {
  const out = withCrlfLineEndings(Buffer.from('a\nb\r\nc\rd\n\n', 'latin1'));
  expect(text(out)).toBe('a\r\nb\r\nc\rd\r\n\r\n');
});

test('bytes without a bare LF are returned as they are', () => {
  const input = Buffer.from('Subject: x\r\n\r\nbody\r\n');
  expect(withCrlfLineEndings(input)).toBe(input);
});

test('property: no bare LF remains, and removing the added CRs gives the input back', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const out = text(withCrlfLineEndings(bytes));
      expect(/(^|[^\r])\n/.test(out)).toBe(false);
      // Independent oracle: the same transformation as a string replace.
      expect(out).toBe(
        text(bytes)
          .replace(/(^|[^\r])\n/g, '$1\r\n')
          .replace(/(^|[^\r])\n/g, '$1\r\n'),
      );
    }),
  );
});
