/**
 * Quoted-printable (RFC 2045 §6.7) over bytes, with lookup tables: no regular expressions, no per-character
 * strings; runs of plain text are checked and copied four bytes at a time. Input is text whose line breaks are already CRLF; each CRLF becomes a hard line break, every other
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

/**
 * True when bytes[i] ends a line: end of input or a CRLF follows. `bytes` holds exactly `n` bytes, so a read past
 * the end gives `undefined` (never CR or LF) and needs no bounds check.
 */
function endsLine(bytes: Uint8Array, i: number, n: number): boolean {
  return i + 1 >= n || (bytes[i + 1] === 13 && bytes[i + 2] === 10);
}

let scratch = Buffer.allocUnsafe(64 * 1024);
let scratchView = new DataView(scratch.buffer, scratch.byteOffset, scratch.length);
/** The bytes of a Latin-1 text (`qpEncodeLatin1Text`), read four bytes at a time through `alignedView`. */
let aligned = new ArrayBuffer(64 * 1024);
let alignedView = new DataView(aligned);

/**
 * True when none of the four bytes of `w` needs encoding wherever it sits on a line: each is 0x20–0x7E and not
 * "=". (A space is literal unless it ends a line; the caller checks the byte after the word for that.)
 * Exact SWAR tests: any byte ≥ 0x80, any byte < 0x20, any byte = 0x3D, any byte = 0x7F.
 */
function plainWord(w: number): boolean {
  const eq = w ^ 0x3d3d3d3d;
  const del = w ^ 0x7f7f7f7f;
  return (
    ((w & 0x80808080) |
      ((w - 0x20202020) & ~w & 0x80808080) |
      ((eq - 0x01010101) & ~eq & 0x80808080) |
      ((del - 0x01010101) & ~del & 0x80808080)) ===
    0
  );
}

/** Scratch buffers larger than this (for big bodies) are dropped after use instead of being kept. */
const KEEP = 1024 * 1024;

function release(): void {
  if (aligned.byteLength > KEEP) {
    aligned = new ArrayBuffer(64 * 1024);
    alignedView = new DataView(aligned);
  }
  if (scratch.length > KEEP) {
    scratch = Buffer.allocUnsafe(64 * 1024);
    scratchView = new DataView(scratch.buffer, scratch.byteOffset, scratch.length);
  }
}

/** Room for `n` input bytes in the aligned buffer. */
function reserve(n: number): void {
  if (aligned.byteLength < n) {
    aligned = new ArrayBuffer(Math.max(n, aligned.byteLength * 2));
    alignedView = new DataView(aligned);
  }
}

/** Encodes `bytes` as quoted-printable; the result is a new buffer of ASCII bytes. */
export function qpEncode(bytes: Uint8Array): Buffer {
  // Read in place (a DataView reads four bytes at any offset): no copy of a large body.
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return encodeAligned(bytes, view, bytes.length, false).bytes;
}

/**
 * Quoted-printable of the UTF-8 encoding of `text`, a string with no character above U+00FF, read as Latin-1
 * (a plain memory copy) instead of encoded as UTF-8 first: exactly `qpEncode(Buffer.from(text, 'utf8'))`.
 * Also returns that UTF-8 length.
 */
export function qpEncodeLatin1Text(text: string): {
  /** The quoted-printable bytes. */
  bytes: Buffer;
  /** Length of `text` in UTF-8. */
  utf8Length: number;
} {
  reserve(text.length);
  const n = Buffer.from(aligned, 0, text.length).write(text, 0, 'latin1');
  return encodeAligned(new Uint8Array(aligned, 0, n), alignedView, n, true);
}

/**
 * Encodes the first `n` bytes of `src` (`srcView` is a DataView of the same bytes). With `latin1AsUtf8` every
 * byte ≥ 0x80 stands for the two UTF-8 bytes of that Latin-1 character.
 */
function encodeAligned(
  src: Uint8Array,
  srcView: DataView,
  n: number,
  latin1AsUtf8: boolean,
): { bytes: Buffer; utf8Length: number } {
  // Worst case: every byte "=XX" (twice for Latin-1 read as UTF-8) plus a soft break every 25 output bytes.
  const perByte = latin1AsUtf8 ? 6 : 3;
  const worst = n * perByte + Math.ceil((n * perByte) / 25) * 3 + 3;
  if (scratch.length < worst) {
    scratch = Buffer.allocUnsafe(Math.max(worst, scratch.length * 2));
    scratchView = new DataView(scratch.buffer, scratch.byteOffset, scratch.length);
  }
  let high = 0;
  const out = scratch;
  const outView = scratchView;
  let o = 0;
  let col = 0;
  let i = 0;
  while (i < n) {
    // Four literal bytes at once (little-endian reads and writes, at any offset): a word wholly inside the input
    // whose last byte still fits before column 75 and is not a space before a CR (which could end the line).
    while (i + 4 < n && col < MAX - 4) {
      const w = srcView.getInt32(i, true);
      if (!plainWord(w) || (w >>> 24 === 32 && src[i + 4] === 13)) break;
      outView.setInt32(o, w, true);
      o += 4;
      col += 4;
      i += 4;
    }
    const b = src[i]!;
    if (b === 13 && src[i + 1] === 10) {
      out[o++] = 13;
      out[o++] = 10;
      col = 0;
      i += 2;
      continue;
    }
    let kind = KIND[b]!;
    if (kind === 0 && col < MAX - 1) {
      out[o++] = b; // a literal byte well inside the line
      col++;
      i++;
      continue;
    }
    const lineEnds = endsLine(src, i, n);
    if (b >= 0x80 && latin1AsUtf8) {
      // Two UTF-8 bytes, each "=XX"; only the second can end a line.
      const lead = 0xc0 | (b >> 6);
      if (col + 3 > MAX) {
        out[o++] = 61;
        out[o++] = 13;
        out[o++] = 10;
        col = 0;
      }
      out[o++] = 61;
      out[o++] = HEX[lead >> 4]!;
      out[o++] = HEX[lead & 15]!;
      col += 3;
      const cont = 0x80 | (b & 63);
      if (col + 3 > MAX && !(lineEnds && col + 3 <= BODY_LINE_COLUMNS)) {
        out[o++] = 61;
        out[o++] = 13;
        out[o++] = 10;
        col = 0;
      }
      out[o++] = 61;
      out[o++] = HEX[cont >> 4]!;
      out[o++] = HEX[cont & 15]!;
      col += 3;
      high++;
      i++;
      continue;
    }
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
    i++;
  }
  const bytes = Buffer.from(out.subarray(0, o));
  release();
  return { bytes, utf8Length: n + high };
}

/** Value of a hexadecimal digit byte (either case), or -1. */
function hexValue(b: number): number {
  if (b >= 48 && b <= 57) return b - 48;
  if (b >= 65 && b <= 70) return b - 55;
  if (b >= 97 && b <= 102) return b - 87;
  return -1;
}

/**
 * Decodes quoted-printable text (RFC 2045 §6.7) strictly enough that the result is certain: every "=" must start
 * an escape of two hexadecimal digits (either case) or be a soft line break (right before the line break), and no
 * line may end in spaces or tabs (RFC 2045 calls them transport padding to remove; Python's `email` keeps them:
 * readers disagree). Otherwise the answer is undefined. A hard line break (CRLF, or a bare LF) becomes CRLF; other
 * bytes are kept as they are. Linear time; the output is at most one byte per input byte plus one per bare LF.
 */
export function qpDecode(text: Uint8Array): Buffer | undefined {
  const n = text.length;
  let lfs = 0;
  for (let i = text.indexOf(10); i !== -1; i = text.indexOf(10, i + 1)) lfs++;
  const out = Buffer.allocUnsafe(n + lfs);
  let o = 0;
  let lineStart = 0;
  while (lineStart < n) {
    let lf = text.indexOf(10, lineStart);
    const hasBreak = lf !== -1;
    if (!hasBreak) lf = n;
    const end = hasBreak && lf > lineStart && text[lf - 1] === 13 ? lf - 1 : lf;
    if (hasBreak && end > lineStart && (text[end - 1] === 32 || text[end - 1] === 9)) return undefined;
    let soft = false;
    for (let i = lineStart; i < end; i++) {
      const b = text[i] as number;
      if (b !== 61) {
        out[o++] = b;
        continue;
      }
      if (i === end - 1 && hasBreak) {
        soft = true;
        break;
      }
      const hi = i + 2 < end ? hexValue(text[i + 1] as number) : -1;
      const lo = i + 2 < end ? hexValue(text[i + 2] as number) : -1;
      if (hi < 0 || lo < 0) return undefined;
      out[o++] = hi * 16 + lo;
      i += 2;
    }
    if (hasBreak && !soft) {
      out[o++] = 13;
      out[o++] = 10;
    }
    lineStart = lf + 1;
  }
  return out.subarray(0, o);
}
