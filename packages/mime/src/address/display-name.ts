/**
 * Display names (RFC 5322 phrase, with the obsolete `.` allowed): assembled word by word as the
 * parser reads them, quoting undone, and optionally RFC 2047-decoded (rfc2047-decode.ts).
 */
import { decodeEncodedWordsLenient } from '../rfc2047-decode.js';
import type { Token } from './tokenizer.js';

/** A phrase being read: its words, where it sits in the source, and what was seen inside it. */
export class Phrase {
  /** Source span of the words [start, end); -1 when empty. */
  start = -1;
  end = -1;
  count = 0;
  /** Whitespace between two words. */
  wsInside = false;
  /** A comment between two words. */
  commentInside = false;
  /** A word is an unterminated quoted string. */
  unterminated = false;
  /** A quoted word holds a control character or a line break that is not a fold. */
  control = false;
  /** A word holds a character above U+007F. */
  nonAscii = false;
  /** The name with quoting undone, words separated by one space where the source had any. */
  text = '';

  add(t: Token, source: string): void {
    if (this.count === 0) this.start = t.start;
    else {
      if (t.ws) this.wsInside = true;
      if (t.comment) this.commentInside = true;
      if (t.ws || t.comment) this.text += ' ';
    }
    this.end = t.end;
    this.count++;
    if (t.nonAscii) this.nonAscii = true;
    if (t.kind === 'quoted') {
      if (!t.closed) this.unterminated = true;
      if (t.control) this.control = true;
      this.text += t.value;
    } else {
      this.text += source.slice(t.start, t.end);
    }
  }
}

/**
 * Decodes RFC 2047 encoded words in `name` with the package's one RFC 2047 decoder. Never throws: words
 * that do not decode are kept as written.
 */
export function decodeDisplayName(name: string): string {
  if (name.indexOf('=?') === -1) return name;
  return decodeEncodedWordsLenient(name);
}
