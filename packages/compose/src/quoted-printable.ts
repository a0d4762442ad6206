/**
 * Quoted-printable (RFC 2045 §6.7) over bytes, with lookup tables: no regular expressions, no per-character
 * strings. Input is text whose line breaks are already CRLF; each CRLF becomes a hard line break, every other
 * CR or LF is encoded. Output lines are at most 76 characters (soft breaks end in "=").
 */
import { BODY_LINE_COLUMNS } from './limits.js';

/** Per byte: 0 = literal, 1 = space or tab (literal unless at the end of a line), 2 = always "=XX". */
const KIND = new Uint8Array(256).fill(2);
for (let c = 33; c <= 126; c++) if (c !== 61) KIND[c] = 0;
KIND[32] = 1;
KIND[9] = 1;
const HEX = new Uint8Array([48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 65, 66, 67, 68, 69, 70]);
const MAX = BODY_LINE_COLUMNS - 1; // room for the soft-break "="

let scratch = Buffer.allocUnsafe(64 * 1024);

/** True when bytes[i] ends a line: end of input or a CRLF follows. Never reads out of bounds. */
function endsLine(bytes: Uint8Array, i: number, n: number): boolean {
  return i + 1 >= n || (bytes[i + 1] === 13 && i + 2 < n && bytes[i + 2] === 10);
}

/** Encodes `bytes` as quoted-printable; the result is a new buffer of ASCII bytes. */
export function qpEncode(bytes: Uint8Array): Buffer {
  const n = bytes.length;
  // Worst case: every byte "=XX" plus a soft break every 25 output bytes.
  const worst = n * 3 + Math.ceil(n / 25) * 3 + 3;
  if (scratch.length < worst) scratch = Buffer.allocUnsafe(Math.max(worst, scratch.length * 2));
  const out = scratch;
  let o = 0;
  let col = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 13 && i + 1 < n && bytes[i + 1] === 10) {
      out[o++] = 13;
      out[o++] = 10;
      col = 0;
      i++;
      continue;
    }
    let kind = KIND[b]!;
    if (kind === 0 && col < MAX - 1) {
      out[o++] = b; // the common case: a literal byte well inside the line
      col++;
      continue;
    }
    const lineEnds = endsLine(bytes, i, n);
    if (kind === 1) kind = lineEnds ? 2 : 0;
    const w = kind === 0 ? 1 : 3;
    if (col + w > MAX && !(lineEnds && col + w <= BODY_LINE_COLUMNS)) {
      out[o++] = 61;
      out[o++] = 13;
      out[o++] = 10;
      col = 0;
    }
    if (w === 1) out[o++] = b;
    else {
      out[o++] = 61;
      out[o++] = HEX[b >> 4]!;
      out[o++] = HEX[b & 15]!;
    }
    col += w;
  }
  return Buffer.from(out.subarray(0, o));
}
