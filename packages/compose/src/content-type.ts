/**
 * A `contentType` input (`type/subtype`, optionally with parameters: `'text/plain; charset=utf-8'`) parsed with
 * the wire layer's parameter parser (the one the validator reads messages with) and checked for what would
 * contradict the composer: parameters it writes itself, and a parameter given twice.
 */

import type { Param } from '@rawmail/mime';
import { decodeParams, parseParamsValue } from '@rawmail/mime';
import { ComposeError } from './errors.js';
import { assertHeaderSafe } from './header-safety.js';
import { MAX_QUOTED } from './limits.js';

type Path = ReadonlyArray<string | number>;

/** A checked content type: the lower-cased `type/subtype` and the parameters to write after it. */
export interface ContentTypeInput {
  type: string;
  params: Param[];
}

const MIME_TYPE = /^[a-z0-9!#$&^_.+-]{1,64}\/[a-z0-9!#$&^_.+-]{1,127}$/;
const PLAIN_VALUE = /^[\x20-\x7e]*$/;

/** Parameters the composer writes from other fields: giving them here would contradict those fields. */
const WRITTEN_BY_COMPOSER = new Map<string, string>([
  ['name', 'give the file name as `filename`'],
  ['filename', 'give the file name as `filename`'],
  ['boundary', 'the composer chooses boundaries'],
]);

/**
 * A parameter given twice would be dropped by one reader and used by another: refused. RFC 2231 sections
 * (`title*0*`, `title*1`) are parts of one parameter, so only a repeated section, or sections beside a whole
 * `title` / `title*`, count as a repeat.
 */
function refuseRepeats(params: readonly { name: string }[], value: string, path: Path): void {
  const forms = new Map<string, Set<string>>();
  for (const p of params) {
    const m = /^([^*]+)(?:\*(\d+))?\*?$/.exec(p.name);
    const base = m?.[1] ?? p.name;
    const form = m?.[2] ?? 'whole';
    const seen = forms.get(base) ?? new Set<string>();
    if (seen.has(form) || (seen.size > 0 && (form === 'whole' || seen.has('whole')))) {
      throw new ComposeError(
        'compose.input-invalid',
        `parameter '${base}' is given twice in '${value}'; give it once.`,
        path,
      );
    }
    seen.add(form);
    forms.set(base, seen);
  }
}

/** Checks a `contentType` input and splits it into the type and the parameters to write. */
export function parseContentTypeInput(value: string, path: Path): ContentTypeInput {
  assertHeaderSafe(value, path);
  const parsed = parseParamsValue(value.trim(), true);
  const type = parsed.value;
  if (parsed.error !== undefined || !MIME_TYPE.test(type)) {
    throw new ComposeError(
      'compose.input-invalid',
      `'${value}' is not a content type (${parsed.error ?? 'bad type/subtype'}); give 'type/subtype', optionally followed by parameters such as '; charset=utf-8'.`,
      path,
    );
  }
  refuseRepeats(parsed.params, value, path);
  const decoded = decodeParams(parsed.params);
  if (decoded.errors.length > 0) {
    throw new ComposeError(
      'compose.input-invalid',
      `'${value}' has a parameter that cannot be decoded: ${decoded.errors[0]}.`,
      path,
    );
  }
  const params: Param[] = [];
  for (const [name, v] of decoded.values) {
    const use = WRITTEN_BY_COMPOSER.get(name);
    if (use !== undefined) {
      throw new ComposeError(
        'compose.input-invalid',
        `the '${name}' parameter is written by the composer; ${use}.`,
        path,
      );
    }
    params.push(
      PLAIN_VALUE.test(v) && v.length <= MAX_QUOTED
        ? { name, value: v }
        : { name, value: v, kind: 'filename' }, // RFC 2231 `name*=utf-8''…`, continued when long
    );
  }
  return { type, params };
}

/**
 * A string `content` without an `encoding` is sent as its UTF-8 bytes; a `charset` parameter naming another
 * charset would mislabel them, so it is refused (US-ASCII only fits ASCII text).
 */
export function refuseCharsetConflict(
  ct: ContentTypeInput,
  content: unknown,
  encoding: string | undefined,
  path: Path,
): void {
  if (typeof content !== 'string' || (encoding !== undefined && encoding !== 'utf8' && encoding !== 'utf-8'))
    return;
  const charset = ct.params.find((p) => p.name === 'charset')?.value.toLowerCase();
  if (charset === undefined || charset === 'utf-8' || charset === 'utf8') return;
  if ((charset === 'us-ascii' || charset === 'ascii') && /^[\x00-\x7f]*$/.test(content)) return;
  throw new ComposeError(
    'compose.input-invalid',
    `says charset=${charset}, but a string \`content\` is sent as UTF-8; say charset=utf-8, or pass the bytes in ${charset} as a Buffer.`,
    path,
  );
}
