/** The canonical written form of a local part, so that every reader sees the same mailbox. */
import { BACKSLASH, DOT, DQUOTE, isAtext } from './chars.js';

/** True when `text` is an RFC 5322 dot-atom: atext runs separated by single dots. */
function isDotAtom(text: string): boolean {
  if (text.length === 0 || text.charCodeAt(0) === DOT || text.charCodeAt(text.length - 1) === DOT)
    return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === DOT) {
      if (text.charCodeAt(i - 1) === DOT) return false;
    } else if (!isAtext(c)) return false;
  }
  return true;
}

/**
 * The canonical form of a local part the parser has accepted (RFC 5321 §4.1.2: quoting does not change the
 * mailbox): a quoted local part whose content is a dot-atom is written bare (`"a.b"` → `a.b`), any other quoted
 * content is re-quoted with only `"` and `\` escaped (`"a\b"` → `"ab"`, `"x\\y"` stays). A bare local part is
 * returned as is. This is the form Python's `email` package and most readers report as the addr-spec, and the one
 * the composer writes into both the header and the envelope, so they cannot differ in spelling.
 */
export function canonicalLocalPart(local: string): string {
  if (local.length < 2 || local.charCodeAt(0) !== DQUOTE || local.charCodeAt(local.length - 1) !== DQUOTE) {
    return local;
  }
  let content = '';
  for (let i = 1; i < local.length - 1; i++) {
    if (local.charCodeAt(i) === BACKSLASH && i + 1 < local.length - 1) i++;
    content += local[i];
  }
  if (isDotAtom(content)) return content;
  let out = '"';
  for (let i = 0; i < content.length; i++) {
    const c = content.charCodeAt(i);
    if (c === DQUOTE || c === BACKSLASH) out += '\\';
    out += content[i];
  }
  return `${out}"`;
}
