/**
 * Base64 bodies wrapped at 76 columns with CRLF (RFC 2045 §6.8). Node's native (SIMD) base64 encodes; the
 * lines are then copied out one typed-array `set` each from views made once, which measured faster here than
 * moving lines in place with copyWithin, JavaScript table encoders, word-copy loops or string joins.
 */
import { BODY_LINE_COLUMNS } from './limits.js';

const LINE_BYTES = (BODY_LINE_COLUMNS / 4) * 3; // 57 input bytes per 76-column line
const LINE_OUT = BODY_LINE_COLUMNS + 2; // 78

/** Length of the wrapped base64 of `n` bytes, including the CRLF after every line (also the last). */
export function base64WrappedLength(n: number): number {
  if (n === 0) return 0;
  const chars = Math.ceil(n / 3) * 4;
  return chars + 2 * Math.ceil(chars / BODY_LINE_COLUMNS);
}

/** Lines are staged here a block at a time; `LINE_VIEWS[k]` is line k of the block, made once. */
const BLOCK_LINES = 1024;
const BLOCK = Buffer.allocUnsafe(BLOCK_LINES * BODY_LINE_COLUMNS);
const LINE_VIEWS = Array.from(
  { length: BLOCK_LINES },
  (_, k) => new Uint8Array(BLOCK.buffer, BLOCK.byteOffset + k * BODY_LINE_COLUMNS, BODY_LINE_COLUMNS),
);

/**
 * Writes the wrapped base64 of `src` into `out` at `pos`; returns the position after it.
 * `out` must have `base64WrappedLength(src.length)` bytes free at `pos`.
 */
export function writeBase64Wrapped(src: Uint8Array, out: Uint8Array, pos: number): number {
  if (src.length === 0) return pos;
  const str = Buffer.from(src.buffer, src.byteOffset, src.byteLength).toString('base64');
  const n = str.length;
  const full = Math.floor(n / BODY_LINE_COLUMNS);
  let d = pos;
  // Each block of unwrapped text is copied into BLOCK, then each line is copied out with `set` from a line view
  // made in advance (a typed-array set from an existing view is cheaper than copyWithin or a fresh subarray).
  for (let first = 0; first < full; first += BLOCK_LINES) {
    const lines = Math.min(BLOCK_LINES, full - first);
    BLOCK.write(str.substring(first * BODY_LINE_COLUMNS, (first + lines) * BODY_LINE_COLUMNS), 0, 'latin1');
    for (let k = 0; k < lines; k++) {
      out.set(LINE_VIEWS[k]!, d);
      out[d + BODY_LINE_COLUMNS] = 13;
      out[d + BODY_LINE_COLUMNS + 1] = 10;
      d += LINE_OUT;
    }
  }
  const rest = n - full * BODY_LINE_COLUMNS;
  if (rest > 0) {
    for (let k = 0; k < rest; k++) out[d + k] = str.charCodeAt(full * BODY_LINE_COLUMNS + k);
    d += rest;
    out[d++] = 13;
    out[d++] = 10;
  }
  return d;
}

/** Wrapped base64 of `src` as a new buffer. */
export function base64Wrapped(src: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(base64WrappedLength(src.length));
  writeBase64Wrapped(src, out, 0);
  return out;
}

/**
 * Incremental wrapped base64 for streams: feed chunks of any size, get whole 76-column lines back; holds at
 * most 56 bytes between calls and allocates only the output.
 */
export class Base64LineEncoder {
  private readonly carry = new Uint8Array(LINE_BYTES);
  private carried = 0;

  /** Encodes as many whole lines as the data so far allows. */
  push(chunk: Uint8Array): Buffer | undefined {
    let start = 0;
    let head: Uint8Array | undefined;
    if (this.carried > 0) {
      const take = Math.min(LINE_BYTES - this.carried, chunk.length);
      this.carry.set(chunk.subarray(0, take), this.carried);
      this.carried += take;
      start = take;
      if (this.carried < LINE_BYTES) return undefined;
      head = this.carry;
      this.carried = 0;
    }
    const lines = Math.floor((chunk.length - start) / LINE_BYTES);
    const used = start + lines * LINE_BYTES;
    const rest = chunk.length - used;
    const total = (lines + (head ? 1 : 0)) * LINE_OUT;
    let out: Buffer | undefined;
    if (total > 0) {
      out = Buffer.allocUnsafe(total);
      let p = 0;
      if (head) p = writeBase64Wrapped(head, out, 0);
      if (lines > 0) writeBase64Wrapped(chunk.subarray(start, used), out, p);
    }
    if (rest > 0) {
      this.carry.set(chunk.subarray(used), 0);
      this.carried = rest;
    }
    return out;
  }

  /** Encodes what is left (the final, possibly short and padded line). */
  end(): Buffer | undefined {
    if (this.carried === 0) return undefined;
    const out = base64Wrapped(this.carry.subarray(0, this.carried));
    this.carried = 0;
    return out;
  }
}
