/** Text bodies (`text`, `html`, `amp`, `icalEvent`, text alternatives) → MIME leaves with a measured or forced encoding. */

import { type Param, writeValueWithParams } from '@rawmail/mime';
import {
  type EncodedBody,
  encodeTextBody,
  encodeTextBodyAs,
  encodeUtf8TextBody,
  toCrlf,
} from './body-encoding.js';
import { encodeText } from './charset.js';
import { ComposeError } from './errors.js';
import { HeaderWriter } from './header-writer.js';
import type { Leaf } from './mime-tree.js';

type Path = ReadonlyArray<string | number>;

/** The transfer encoding `textEncoding` forces, if any. */
export type ForcedEncoding = 'quoted-printable' | 'base64' | undefined;

/** A string, or UTF-8 bytes decoded strictly (invalid UTF-8 is refused: pass a string instead). */
export function textOf(content: string | Uint8Array, path: Path): string {
  if (typeof content === 'string') return content;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw new ComposeError(
      'compose.input-invalid',
      'bytes given as text must be valid UTF-8; pass a string instead.',
      path,
    );
  }
}

function encodeBody(text: string, charset: string, forced: ForcedEncoding, path: Path): EncodedBody {
  const crlf = toCrlf(text);
  if (forced !== undefined) return encodeTextBodyAs(encodeText(crlf, charset, path), forced);
  return charset === 'utf-8' ? encodeUtf8TextBody(crlf) : encodeTextBody(encodeText(crlf, charset, path));
}

/**
 * A text leaf: `Content-Type: <mimeType>; charset=<charset>[; extra params]`, the text with CRLF line breaks
 * in `charset`, 7bit when possible else the shorter of quoted-printable and base64 (or what `forced` says).
 * `extraHeader` (complete fields) follows the composer's own fields.
 */
export function textLeaf(
  mimeType: string,
  content: string | Uint8Array,
  charset: string,
  forced: ForcedEncoding,
  path: Path,
  extraParams: readonly Param[] = [],
  extraHeader = '',
): Leaf {
  const body = encodeBody(textOf(content, path), charset, forced, path);
  const w = new HeaderWriter('Content-Type');
  writeValueWithParams(w, mimeType, [{ name: 'charset', value: charset }, ...extraParams]);
  return {
    type: 'leaf',
    header: `${w.finish()}Content-Transfer-Encoding: ${body.encoding}\r\n${extraHeader}`,
    body: {
      kind: 'encoded',
      bytes: body.bytes,
      terminated: body.encoding === 'base64',
      transfer: body.encoding,
    },
  };
}

/** A leaf for bytes that are not text: `Content-Type` as given, always base64, so the bytes come back exactly. */
export function binaryLeaf(
  mimeType: string,
  params: readonly Param[],
  bytes: Uint8Array,
  extraHeader: string,
): Leaf {
  const w = new HeaderWriter('Content-Type');
  writeValueWithParams(w, mimeType, params);
  return {
    type: 'leaf',
    header: `${w.finish()}Content-Transfer-Encoding: base64\r\n${extraHeader}`,
    body: { kind: 'base64', data: bytes },
  };
}
