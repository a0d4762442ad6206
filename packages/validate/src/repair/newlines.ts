/** Line endings made CRLF, byte-wise (so any ASCII-compatible charset is safe), in pieces of any size. */
import { Buffer } from 'node:buffer';

const BARE = /\r(?!\n)|(?<!\r)\n/;
const ANY_BREAK = /\r\n|\r|\n/g;

/**
 * Turns every bare CR and bare LF of a region into CRLF. Feed the region's pieces in order, then `end()`: a CR
 * at the end of one piece is held back until the next shows whether an LF follows. Counts the conversions.
 */
export class NewlineFixer {
  private heldCr = false;
  converted = 0;

  /** The piece with CRLF line endings (the input itself when it has no bare line break). */
  feed(piece: Buffer): Buffer {
    // Common case, found with native searches only: nothing held, no CR at the end, no bare line break.
    if (!this.heldCr && piece[piece.length - 1] !== 13 && !hasBareNewline(piece)) return piece;
    let text = piece.toString('latin1');
    if (this.heldCr) {
      text = `\r${text}`;
      this.heldCr = false;
    }
    if (text.endsWith('\r')) {
      this.heldCr = true;
      text = text.slice(0, -1);
    }
    if (!BARE.test(text)) return text.length === piece.length ? piece : Buffer.from(text, 'latin1');
    const out = text.replace(ANY_BREAK, (m) => {
      if (m.length === 1) this.converted++;
      return '\r\n';
    });
    return Buffer.from(out, 'latin1');
  }

  /** What is still held at the end of the region: a bare CR, written as CRLF. */
  end(): Buffer | undefined {
    if (!this.heldCr) return undefined;
    this.heldCr = false;
    this.converted++;
    return Buffer.from('\r\n', 'latin1');
  }
}

/** Whether `bytes` has a CR or LF that is not part of a CRLF pair (found with native searches, no string). */
export function hasBareNewline(bytes: Buffer): boolean {
  for (let lf = bytes.indexOf(10); lf !== -1; lf = bytes.indexOf(10, lf + 1))
    if (lf === 0 || bytes[lf - 1] !== 13) return true;
  for (let cr = bytes.indexOf(13); cr !== -1; cr = bytes.indexOf(13, cr + 1))
    if (bytes[cr + 1] !== 10) return true;
  return false;
}

/** `bytes` with every bare CR or LF made CRLF (a whole region at once). */
export function crlfAll(bytes: Buffer): Buffer {
  if (!hasBareNewline(bytes)) return bytes;
  if (bytes.indexOf(13) === -1) return lfToCrlf(bytes);
  const fixer = new NewlineFixer();
  const out = fixer.feed(bytes);
  const tail = fixer.end();
  return tail ? Buffer.concat([out, tail]) : out;
}

/** A header or delimiter line with its line ending made CRLF (a bare CR inside the line is left alone). */
export function crlfLineEnd(line: Buffer): Buffer {
  const n = line.length;
  if (n === 0 || line[n - 1] !== 10 || (n >= 2 && line[n - 2] === 13)) return line;
  return Buffer.concat([line.subarray(0, n - 1), Buffer.from('\r\n', 'latin1')]);
}

/** LF line endings (and no CR at all) made CRLF by copying the lines into a buffer sized once. */
function lfToCrlf(bytes: Buffer): Buffer {
  let lines = 0;
  for (let lf = bytes.indexOf(10); lf !== -1; lf = bytes.indexOf(10, lf + 1)) lines++;
  const out = Buffer.allocUnsafe(bytes.length + lines);
  let from = 0;
  let at = 0;
  for (let lf = bytes.indexOf(10); lf !== -1; lf = bytes.indexOf(10, lf + 1)) {
    at += bytes.copy(out, at, from, lf);
    out[at++] = 13;
    out[at++] = 10;
    from = lf + 1;
  }
  bytes.copy(out, at, from);
  return out;
}
