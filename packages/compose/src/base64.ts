/**
 * Base64 bodies wrapped at 76 columns with CRLF (RFC 2045 §6.8). Encoding uses Node's native base64; the
 * line breaks are inserted by moving whole lines in place, so an 8 MB attachment costs one native encode and
 * one pass of block copies.
 */
import { BODY_LINE_COLUMNS } from './limits.js';

const LINE_BYTES = (BODY_LINE_COLUMNS / 4) * 3; // 57 input bytes per 76-column line

/** Length of the wrapped base64 of `n` bytes, including the CRLF after every line (also the last). */
export function base64WrappedLength(n: number): number {
  if (n === 0) return 0;
  const chars = Math.ceil(n / 3) * 4;
  return chars + 2 * Math.ceil(chars / BODY_LINE_COLUMNS);
}

/**
 * Writes the wrapped base64 of `src` into `out` at `pos`; returns the position after it.
 * `out` must have `base64WrappedLength(src.length)` bytes free at `pos`.
 */
export function writeBase64Wrapped(src: Uint8Array, out: Buffer, pos: number): number {
  if (src.length === 0) return pos;
  const str = Buffer.from(src.buffer, src.byteOffset, src.byteLength).toString('base64');
  const n = str.length;
  const total = base64WrappedLength(src.length);
  const end = pos + total;
  // Write unwrapped at the tail, then move lines forward (destination never overtakes source).
  let s = end - n;
  out.write(str, s, 'latin1');
  let d = pos;
  while (s < end) {
    const e = Math.min(s + BODY_LINE_COLUMNS, end);
    out.copyWithin(d, s, e);
    d += e - s;
    out[d++] = 13;
    out[d++] = 10;
    s = e;
  }
  return end;
}

/** Wrapped base64 of `src` as a new buffer. */
export function base64Wrapped(src: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(base64WrappedLength(src.length));
  writeBase64Wrapped(src, out, 0);
  return out;
}

/**
 * Incremental wrapped base64 for streams: feed chunks of any size, get whole 76-column lines back; holds at
 * most 56 bytes between calls.
 */
export class Base64LineEncoder {
  private carry: Buffer = Buffer.alloc(0);

  /** Encodes as many whole lines as the data so far allows. */
  push(chunk: Uint8Array): Buffer | undefined {
    const data =
      this.carry.length > 0
        ? Buffer.concat([this.carry, chunk])
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const whole = data.length - (data.length % LINE_BYTES);
    this.carry = Buffer.from(data.subarray(whole)); // copy: the caller may reuse its chunk
    if (whole === 0) return undefined;
    return base64Wrapped(data.subarray(0, whole));
  }

  /** Encodes what is left (the final, possibly short and padded line). */
  end(): Buffer | undefined {
    if (this.carry.length === 0) return undefined;
    const out = base64Wrapped(this.carry);
    this.carry = Buffer.alloc(0);
    return out;
  }
}
