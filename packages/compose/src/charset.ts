/** Text → bytes in the body charset the caller asked for (UTF-8 by default, others through iconv-lite). */
import iconv from 'iconv-lite';
import { ComposeError } from './errors.js';
import { encodeIso2022Jp } from './iso-2022-jp.js';

/** Normalises a charset label to the name written in `charset=` (lower case), or throws for unknown ones. */
export function checkCharset(label: string, path: ReadonlyArray<string | number>): string {
  const name = label.trim().toLowerCase();
  if (name === 'utf-8' || name === 'utf8') return 'utf-8';
  if (name === 'iso-2022-jp') return name;
  if (!/^[a-z0-9._:-]{1,40}$/.test(name) || !iconv.encodingExists(name)) {
    throw new ComposeError(
      'compose.charset-unsupported',
      `unknown charset '${label}'. Use 'utf-8' (default), 'iso-2022-jp', or a charset iconv-lite knows (e.g. 'iso-8859-1').`,
      path,
    );
  }
  if (/^(utf-?16|utf-?32|ucs-?2|utf-?7)/.test(name)) {
    throw new ComposeError(
      'compose.charset-unsupported',
      `charset '${label}' is not usable for a MIME text body.`,
      path,
    );
  }
  return name;
}

/** Encodes `text` in `charset` (a name from {@link checkCharset}); refuses characters the charset cannot hold. */
export function encodeText(text: string, charset: string, path: ReadonlyArray<string | number>): Uint8Array {
  if (charset === 'utf-8') return Buffer.from(text, 'utf8');
  let bytes: Uint8Array | undefined;
  if (charset === 'iso-2022-jp') bytes = encodeIso2022Jp(text);
  else {
    const b = iconv.encode(text, charset);
    bytes = iconv.decode(b, charset) === text ? b : undefined;
  }
  if (bytes === undefined) {
    throw new ComposeError(
      'compose.charset-unrepresentable',
      `the text has characters that charset '${charset}' cannot represent; use 'utf-8' or remove them.`,
      path,
      { charset },
    );
  }
  return bytes;
}
