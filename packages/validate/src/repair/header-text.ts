/** Header bytes (as the reader's latin1 strings) turned into the text a reader shows. */
import { Buffer, isUtf8 } from 'node:buffer';
import { decodeCharset } from '@rawmail/mime';

const NON_ASCII = /[\x80-\xff]/;

/** The text of a header value's bytes, and the charset assumed when they were not UTF-8. */
export interface HeaderText {
  text: string;
  /** Set when the bytes are not UTF-8: the charset they were read in (the declared one, else windows-1252). */
  assumed?: string;
}

/**
 * Reads raw 8-bit header bytes: as UTF-8 when they are valid UTF-8 (what every current reader assumes), else in
 * the charset the part or message declares (when iconv-lite knows it), else as windows-1252.
 */
export function headerText(latin1: string, declaredCharset: string | undefined): HeaderText {
  if (!NON_ASCII.test(latin1)) return { text: latin1 };
  const bytes = Buffer.from(latin1, 'latin1');
  if (isUtf8(bytes)) return { text: bytes.toString('utf8') };
  const declared = declaredCharset?.trim().toLowerCase();
  const plain =
    declared === undefined || declared === 'utf-8' || declared === 'utf8' || declared === 'us-ascii';
  const text = plain ? undefined : decodeCharset(bytes, declared);
  if (text !== undefined) return { text, assumed: declared };
  return { text: decodeCharset(bytes, 'windows-1252') as string, assumed: 'windows-1252' };
}

/** The sentence a fix adds when it had to assume a charset. */
export function assumedNote(t: HeaderText): string {
  return t.assumed === undefined
    ? ''
    : ` The bytes were not UTF-8; they were read as ${t.assumed}${t.assumed === 'windows-1252' ? ' (no charset was declared)' : ' (the declared charset)'}: check the result.`;
}
