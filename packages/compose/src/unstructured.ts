/** Unstructured header text (Subject, custom header values): plain words where possible, encoded words elsewhere. */

import { encodeWordList } from '@rawmail/mime';
import type { HeaderWriter } from './header-writer.js';
import { MAX_PLAIN_TOKEN, MAX_QUOTED } from './limits.js';

/** A token that can be written as-is: printable ASCII, no "=?" (which could look like an encoded word), not huge. */
function isPlain(token: string): boolean {
  if (token.length === 0 || token.length > MAX_PLAIN_TOKEN) return false;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return false;
    if (c === 0x3d && token.charCodeAt(i + 1) === 0x3f) return false; // "=?"
  }
  return true;
}

/** Whitespace layout the mixed form preserves exactly: single spaces between words, none leading or trailing. */
function simpleSpacing(text: string): boolean {
  if (text.startsWith(' ') || text.endsWith(' ') || text.includes('  ') || text.includes('\t')) return false;
  return true;
}

function writeEncoded(w: HeaderWriter, run: string): void {
  const words = encodeWordList(run, w.remaining());
  for (const word of words) w.space(word);
}

/** Writes unstructured `text` into `w`. `text` must already be checked for control characters. */
export function writeUnstructured(w: HeaderWriter, text: string): void {
  if (text === '') return;
  if (!simpleSpacing(text)) {
    writeEncoded(w, text);
    return;
  }
  const tokens = text.split(' ');
  let run: string[] = [];
  for (const t of tokens) {
    if (isPlain(t)) {
      if (run.length > 0) {
        writeEncoded(w, run.join(' '));
        run = [];
      }
      w.space(t);
    } else run.push(t);
  }
  if (run.length > 0) writeEncoded(w, run.join(' '));
}

const ATEXT = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+$/;

/** Writes a display name (RFC 5322 phrase): atoms, a quoted string, or encoded words. */
export function writePhrase(w: HeaderWriter, name: string): void {
  if (name === '') return;
  if (simpleSpacing(name) && !name.includes('=?')) {
    const words = name.split(' ');
    if (words.every((x) => x.length <= MAX_PLAIN_TOKEN && ATEXT.test(x))) {
      for (const x of words) w.space(x);
      return;
    }
    if (name.length <= MAX_QUOTED && isPrintableAscii(name)) {
      w.space(`"${name.replace(/[\\"]/g, '\\$&')}"`);
      return;
    }
  }
  writeEncoded(w, name);
}

function isPrintableAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}
