import { Buffer } from 'node:buffer';

/**
 * The value of the header field being read. A field of one line stays the string its line was read as; the
 * lines of a folded field are gathered as bytes in one buffer, reused from field to field, and become one flat
 * string when the field ends. Joining a string per line with `+=` instead makes a tree of pieces that the first
 * rule to read the value has to flatten, and a 1 MB field of 13,000 lines left ~2 MB of such garbage behind.
 * The buffer grows by doubling up to the largest field read (itself bounded by the header-section limit).
 */
/** Longest continuation line copied by a loop rather than by Buffer#copy (see `append`). */
const SHORT_COPY = 256;

export class FieldValue {
  private first = '';
  private buf: Buffer = Buffer.alloc(0);
  /** Bytes gathered in `buf`; -1 while the field has one line. */
  private len = -1;

  /** Starts a field whose first line's value is `text`. */
  start(text: string): void {
    this.first = text;
    this.len = -1;
  }

  /** Adds a continuation line, `src[s, e)`. */
  append(src: Buffer, s: number, e: number): void {
    if (this.len === -1) {
      this.reserve(this.first.length + (e - s));
      this.len = this.buf.write(this.first, 0, 'latin1');
      this.first = '';
    } else this.reserve(this.len + (e - s));
    if (e - s > SHORT_COPY) {
      this.len += src.copy(this.buf, this.len, s, e);
      return;
    }
    // Buffer#copy of part of a buffer makes a view object per call: for a folded field of 13,000 short lines
    // that was ~1.4 MB of garbage, so short lines are copied byte by byte.
    const buf = this.buf;
    let at = this.len;
    for (let i = s; i < e; i++) buf[at++] = src[i] as number;
    this.len = at;
  }

  /** The whole value; the next field starts empty. */
  take(): string {
    if (this.len === -1) {
      const text = this.first;
      this.first = '';
      return text;
    }
    const text = this.buf.toString('latin1', 0, this.len);
    this.len = -1;
    return text;
  }

  private reserve(n: number): void {
    if (n <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(n, 2 * this.buf.length, 1024));
    if (this.len > 0) this.buf.copy(grown, 0, 0, this.len);
    this.buf = grown;
  }
}
