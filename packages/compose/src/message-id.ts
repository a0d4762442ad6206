/** Message-ID, In-Reply-To and References values: `<id-left@id-right>` tokens, checked, never encoded. */
import { ComposeError } from './errors.js';
import { HeaderWriter } from './header-writer.js';
import { MAX_STRUCTURED_TOKEN } from './limits.js';

type Path = ReadonlyArray<string | number>;

// Printable ASCII except specials that cannot appear inside msg-id parts.
const ID_PART = /^[\x21-\x7e]+$/;

/** Normalises `id` (with or without angle brackets) to `<left@right>`, or throws `compose.message-id-invalid`. */
export function normalizeMessageId(id: string, path: Path): string {
  const raw = id.trim();
  const inner = raw.startsWith('<') && raw.endsWith('>') ? raw.slice(1, -1) : raw;
  const at = inner.lastIndexOf('@');
  const ok =
    at > 0 &&
    at < inner.length - 1 &&
    inner.length <= MAX_STRUCTURED_TOKEN &&
    ID_PART.test(inner) &&
    !/[<>()\\,;:"[\]\s]/.test(inner) &&
    inner.indexOf('@') === at;
  if (!ok) {
    throw new ComposeError(
      'compose.message-id-invalid',
      `'${id}' is not a message id; write it as <unique@domain.example> (printable ASCII, one "@", no spaces, brackets, quotes or commas).`,
      path,
    );
  }
  return `<${inner}>`;
}

/** Splits a References / In-Reply-To input into ids (whitespace-separated in a string, or an array). */
export function messageIdList(input: string | readonly string[], path: Path): string[] {
  const items = typeof input === 'string' ? input.split(/\s+/).filter((s) => s !== '') : input;
  return items.map((s, i) => normalizeMessageId(s, typeof input === 'string' ? path : [...path, i]));
}

/** A `Name: <a@b> <c@d>` field, folded between ids. */
export function messageIdField(name: string, ids: readonly string[]): string {
  const w = new HeaderWriter(name);
  for (const id of ids) w.space(id);
  return w.finish();
}
