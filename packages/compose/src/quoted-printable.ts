/**
 * Quoted-printable (RFC 2045 §6.7) over bytes, with lookup tables: no regular expressions, no per-character
 * strings. Input is text whose line breaks are already CRLF; each CRLF becomes a hard line break, every other
 * CR or LF is encoded. Output lines are at most 76 characters (soft breaks end in "=").
 */
import { BODY_LINE_COLUMNS } from './limits.js';

/** 1 when a byte may be written literally (printable ASCII except "="; space/tab handled separately). */
const LITERAL = new Uint8Array(256);
for (let c = 33; c <= 126; c++) if (c !== 61) LITERAL[c] = 1;
const HEX = new Uint8Array([48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 65, 66, 67, 68, 69, 70]);
const MAX = BODY_LINE_COLUMNS - 1; // room for the soft-break "="

/** Exact length of `qpEncode(bytes)` without encoding. */
export function qpEncodedLength(bytes: Uint8Array): number {
  let out = 0;
  let col = 0;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 13 && bytes[i + 1] === 10) {
      out += 2;
      col = 0;
      i++;
      continue;
    }
    let w: number;
    if (LITERAL[b]) w = 1;
    else if (b === 32 || b === 9) {
      const next = bytes[i + 1];
      w = next === undefined || (next === 13 && bytes[i + 2] === 10) ? 3 : 1;
    } else w = 3;
    if (col + w > MAX) {
      // Soft break unless this is the last char on the line and fits exactly in 76.
      const next = bytes[i + 1];
      const lineEnds = next === undefined || (next === 13 && bytes[i + 2] === 10);
      if (!(lineEnds && col + w <= BODY_LINE_COLUMNS)) {
        out += 3;
        col = 0;
      }
    }
    out += w;
    col += w;
  }
  return out;
}

/** Encodes `bytes` as quoted-printable; the result is ASCII bytes. */
export function qpEncode(bytes: Uint8Array): Uint8Array {
  const out = Buffer.allocUnsafe(qpEncodedLength(bytes));
  let o = 0;
  let col = 0;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 13 && bytes[i + 1] === 10) {
      out[o++] = 13;
      out[o++] = 10;
      col = 0;
      i++;
      continue;
    }
    let w: number;
    if (LITERAL[b]) w = 1;
    else if (b === 32 || b === 9) {
      const next = bytes[i + 1];
      w = next === undefined || (next === 13 && bytes[i + 2] === 10) ? 3 : 1;
    } else w = 3;
    if (col + w > MAX) {
      const next = bytes[i + 1];
      const lineEnds = next === undefined || (next === 13 && bytes[i + 2] === 10);
      if (!(lineEnds && col + w <= BODY_LINE_COLUMNS)) {
        out[o++] = 61;
        out[o++] = 13;
        out[o++] = 10;
        col = 0;
      }
    }
    if (w === 1) out[o++] = b;
    else {
      out[o++] = 61;
      out[o++] = HEX[b >> 4]!;
      out[o++] = HEX[b & 15]!;
    }
    col += w;
  }
  return out;
}
