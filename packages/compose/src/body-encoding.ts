/** Chooses and applies a Content-Transfer-Encoding for in-memory bodies, by measuring, not guessing. */
import { base64Wrapped, base64WrappedLength } from './base64.js';
import { MAX_LINE_OCTETS } from './limits.js';
import { qpEncode } from './quoted-printable.js';

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
