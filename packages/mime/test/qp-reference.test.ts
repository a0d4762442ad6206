/**
 * The quoted-printable encoder's four-bytes-at-a-time path must produce exactly what the plain byte-at-a-time
 * encoder (kept here as the reference) produces, for any input and any alignment of the input view.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { qpEncode } from '../src/quoted-printable.js';

function reference(bytes: Uint8Array): string {
  const literal = (b: number) => b >= 33 && b <= 126 && b !== 61;
  const hex = (b: number) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
  const n = bytes.length;
  let out = '';
  let col = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 13 && i + 1 < n && bytes[i + 1] === 10) {
      out += '\r\n';
      col = 0;
      i++;
      continue;
    }
    const lineEnds = i + 1 >= n || (bytes[i + 1] === 13 && i + 2 < n && bytes[i + 2] === 10);
    const lit = literal(b) || ((b === 32 || b === 9) && !lineEnds);
    const w = lit ? 1 : 3;
    if (col + w > 75 && !(lineEnds && col + w <= 76)) {
      out += '=\r\n';
      col = 0;
    }
    out += lit ? String.fromCharCode(b) : hex(b);
    col += w;
  }
  return out;
}

const byteArb = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 32, max: 126 }) },
  { weight: 2, arbitrary: fc.constantFrom(13, 10, 32, 9, 61, 127, 31, 0) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) },
);

test('qpEncode equals the byte-at-a-time reference at every input alignment', () => {
  fc.assert(
    fc.property(fc.array(byteArb, { maxLength: 600 }), fc.integer({ min: 0, max: 3 }), (arr, offset) => {
      const backing = new Uint8Array(arr.length + offset);
      backing.set(arr, offset);
      const view = backing.subarray(offset);
      expect(Buffer.from(qpEncode(view)).toString('latin1')).toBe(reference(view));
    }),
    { numRuns: 2000 },
  );
});
