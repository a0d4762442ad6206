/** Chooses and applies a Content-Transfer-Encoding for in-memory bodies, by measuring, not guessing. */
import { base64Wrapped, base64WrappedLength, qpEncode, qpEncodeLatin1Text } from '@rawmail/mime';
import { MAX_LINE_OCTETS } from './limits.js';

export type TransferEncoding = '7bit' | 'quoted-printable' | 'base64';

/** An encoded body ready to be written: ASCII bytes whose line breaks are CRLF and whose lines are ≤ 998 octets. */
export interface EncodedBody {
  encoding: TransferEncoding;
  bytes: Uint8Array;
}

/** Normalises any line break (CRLF, CR, LF) in text to CRLF. Linear. */
export function toCrlf(text: string): string {
  if (!text.includes('\r')) return text.includes('\n') ? text.replace(/\n/g, '\r\n') : text;
  return text.replace(/\r\n|\r|\n/g, '\r\n');
}

/** True when bytes can go as 7bit: ASCII, no NUL, CR and LF only as CRLF, lines ≤ 998 octets. */
export function is7bitSafe(bytes: Uint8Array): boolean {
  let col = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 13) {
      if (bytes[i + 1] !== 10) return false;
      i++;
      col = 0;
      continue;
    }
    if (b === 10 || b === 0 || b > 0x7f) return false;
    if (++col > MAX_LINE_OCTETS) return false;
  }
  return true;
}

/** Text body bytes (line breaks already CRLF): 7bit if safe, else quoted-printable or base64, whichever is shorter. */
export function encodeTextBody(bytes: Uint8Array): EncodedBody {
  if (is7bitSafe(bytes)) return { encoding: '7bit', bytes };
  const qp = qpEncode(bytes);
  if (base64WrappedLength(bytes.length) < qp.length)
    return { encoding: 'base64', bytes: base64Wrapped(bytes) };
  return { encoding: 'quoted-printable', bytes: qp };
}

const BEYOND_LATIN1 = /[^\x00-\xff]/;
const NON_ASCII = /[^\x00-\x7f]/;

/** `is7bitSafe` of the UTF-8 bytes of a Latin-1 `text`. */
function is7bitSafeLatin1(text: string): boolean {
  return !NON_ASCII.test(text) && is7bitSafe(Buffer.from(text, 'latin1'));
}

/** Reused for the UTF-8 bytes of text bodies up to this many UTF-16 units (so at most 3× that is kept). */
const SCRATCH_TEXT = 64 * 1024;
let utf8Scratch = Buffer.allocUnsafe(16 * 1024);

/**
 * `encodeTextBody(Buffer.from(text, 'utf8'))`, byte for byte, without allocating the UTF-8 bytes of a text that
 * ends up quoted-printable or base64 (both copy what they need): the bytes go to a reused scratch buffer.
 */
export function encodeUtf8TextBody(text: string): EncodedBody {
  if (text.length > SCRATCH_TEXT) return encodeTextBody(Buffer.from(text, 'utf8'));
  if (!BEYOND_LATIN1.test(text)) {
    // Latin-1 text (often answered at once: V8 knows a one-byte string has no such character).
    if (is7bitSafeLatin1(text)) return { encoding: '7bit', bytes: Buffer.from(text, 'latin1') };
    const qp = qpEncodeLatin1Text(text);
    if (base64WrappedLength(qp.utf8Length) < qp.bytes.length)
      return { encoding: 'base64', bytes: base64Wrapped(Buffer.from(text, 'utf8')) };
    return { encoding: 'quoted-printable', bytes: qp.bytes };
  }
  if (utf8Scratch.length < text.length * 3) utf8Scratch = Buffer.allocUnsafe(SCRATCH_TEXT * 3);
  const view = utf8Scratch.subarray(0, utf8Scratch.write(text, 0, 'utf8'));
  const body = encodeTextBody(view);
  return body.bytes === view ? { encoding: body.encoding, bytes: Buffer.from(view) } : body;
}
