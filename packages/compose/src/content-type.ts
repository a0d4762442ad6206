/** A `contentType` input (`type/subtype`, optionally with parameters) checked and split for writing. */
import { ComposeError } from './errors.js';
import { assertHeaderSafe } from './header-safety.js';
import type { Param } from './mime-params.js';

type Path = ReadonlyArray<string | number>;

/** A checked content type: the lower-cased `type/subtype` and the parameters to write after it. */
export interface ContentTypeInput {
  type: string;
  params: Param[];
}

const MIME_TYPE = /^[a-z0-9!#$&^_.+-]{1,64}\/[a-z0-9!#$&^_.+-]{1,127}$/;

/** Checks and normalises a MIME type (`type/subtype`, no parameters). */
export function checkMimeType(value: string, path: Path): string {
  assertHeaderSafe(value, path);
  const t = value.trim().toLowerCase();
  if (!MIME_TYPE.test(t)) {
    throw new ComposeError(
      'compose.input-invalid',
      `'${value}' is not a MIME type; give just 'type/subtype' such as 'application/pdf' (parameters are set by the composer).`,
      path,
    );
  }
  return t;
}

/** Checks a `contentType` input. */
export function parseContentTypeInput(value: string, path: Path): ContentTypeInput {
  return { type: checkMimeType(value, path), params: [] };
}
