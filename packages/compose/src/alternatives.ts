/** `alternatives` input → leaves of the multipart/alternative (after text, amp, icalEvent and html). */
import { checkCharset } from './charset.js';
import { parseContentTypeInput, refuseCharsetConflict } from './content-type.js';
import { ComposeError } from './errors.js';
import { partHeaders } from './headers.js';
import type { AlternativeInput } from './input-types.js';
import type { Leaf } from './mime-tree.js';
import { binaryLeaf, type ForcedEncoding, textLeaf } from './text-part.js';

type Path = ReadonlyArray<string | number>;

/** Builds the leaf of one alternative. */
export function resolveAlternative(a: AlternativeInput, path: Path, forced: ForcedEncoding): Leaf {
  const ct = parseContentTypeInput(a.contentType, [...path, 'contentType']);
  if (/^(multipart|message)\//.test(ct.type)) {
    throw new ComposeError(
      'compose.input-invalid',
      `an alternative of type '${ct.type}' is not supported; give a single body such as 'text/x-web-markdown'.`,
      [...path, 'contentType'],
    );
  }
  const header = partHeaders(a.headers, [...path, 'headers'], false);
  const isText = ct.type.startsWith('text/');
  if (
    isText &&
    typeof a.content === 'string' &&
    (a.encoding === undefined || a.encoding === 'utf8' || a.encoding === 'utf-8')
  ) {
    const given = ct.params.find((p) => p.name === 'charset');
    const charset = given ? checkCharset(given.value, [...path, 'contentType']) : 'utf-8';
    const rest = ct.params.filter((p) => p.name !== 'charset');
    return textLeaf(ct.type, a.content, charset, forced, [...path, 'content'], rest, header);
  }
  refuseCharsetConflict(ct, a.content, a.encoding, [...path, 'contentType']);
  const c = a.content;
  const bytes =
    typeof c === 'string'
      ? Buffer.from(c, a.encoding === undefined || a.encoding === 'utf-8' ? 'utf8' : a.encoding)
      : c;
  return binaryLeaf(ct.type, ct.params, bytes, header);
}
