/** Bytes in a named charset turned into text (iconv-lite: the charsets every reader knows). */
import iconv from 'iconv-lite';

/**
 * The text `bytes` spell in `charset` (a MIME charset label such as `iso-8859-1` or `windows-1252`), or
 * undefined when the charset is unknown. Bytes the charset does not define become U+FFFD.
 */
export function decodeCharset(bytes: Uint8Array, charset: string): string | undefined {
  if (!iconv.encodingExists(charset)) return undefined;
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), charset);
}
