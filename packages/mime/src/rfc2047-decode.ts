import { Buffer, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

/** An encoded word found in a header value, as written. */
export interface EncodedWord {
  /** The whole `=?charset?enc?text?=` (or the malformed prefix found). */
  text: string;
  /** Offset in the scanned value. */
  start: number;
  /** The charset as written, with any RFC 2231 `*language` suffix. */
  charset: string;
  /** `B` or `Q` (or whatever was written, for the checker to refuse). */
  encoding: string;
  /** The encoded text between the third `?` and `?=`. */
  payload: string;
  /** Structural problem (unterminated...), undefined when the word is well-formed. */
  structureError?: string;
}

/** Work counter for the linear-time tests: characters examined by the scanner. */
export interface ScanCounter {
  /** Characters examined so far. */
  steps: number;
}

/** SP, HTAB, CR or LF, by char code (NaN, past the end, is none of them). */
const isWs = (c: number): boolean => c === 32 || c === 9 || c === 13 || c === 10;
const QUESTION = 63;
const EQUALS = 61;

/**
 * Finds every encoded word (`=?charset?B|Q?text?=`) in a header value. Linear: every scan stops at the
 * first `?` or whitespace, so candidates never rescan each other's text. With `onWord`, each word is handed
 * to it as found and none is kept (a huge value then costs no list of words); the result is then empty.
 */
export function scanEncodedWords(
  value: string,
  counter?: ScanCounter,
  onWord?: (word: EncodedWord) => void,
): EncodedWord[] {
  const words: EncodedWord[] = [];
  const push = onWord ?? ((w: EncodedWord) => words.push(w));
  let i = value.indexOf('=?');
  while (i !== -1) {
    let j = i + 2;
    while (j < value.length && value.charCodeAt(j) !== QUESTION && !isWs(value.charCodeAt(j))) j++;
    if (counter) counter.steps += j - i;
    // `=?` + charset + `?` + one letter + `?` is an encoded word's unmistakable start.
    if (
      value.charCodeAt(j) !== QUESTION ||
      j === i + 2 ||
      value.charCodeAt(j + 2) !== QUESTION ||
      isWs(value.charCodeAt(j + 1))
    ) {
      i = value.indexOf('=?', i + 2);
      continue;
    }
    const charset = value.slice(i + 2, j);
    const encoding = value[j + 1] as string;
    let k = j + 3;
    while (k < value.length && value.charCodeAt(k) !== QUESTION && !isWs(value.charCodeAt(k))) k++;
    if (counter) counter.steps += k - j;
    const payload = value.slice(j + 3, k);
    if (value.charCodeAt(k) === QUESTION && value.charCodeAt(k + 1) === EQUALS) {
      push({ text: value.slice(i, k + 2), start: i, charset, encoding, payload });
      i = value.indexOf('=?', k + 2);
    } else {
      const text = value.slice(i, Math.min(k + 1, i + 120));
      push({
        text,
        start: i,
        charset,
        encoding,
        payload,
        structureError:
          value[k] === '?'
            ? "the encoded text contains '?' or the word does not end with '?='"
            : "the word does not end with '?='",
      });
      i = value.indexOf('=?', i + 2);
    }
  }
  return words;
}

const knownCharsets = new Map<string, boolean>();

/** Whether iconv-lite knows a charset (answers cached; at most 256 names are remembered). */
function charsetKnown(charset: string): boolean {
  const key = charset.toLowerCase();
  let known = knownCharsets.get(key);
  if (known === undefined) {
    known = iconv.encodingExists(charset);
    if (knownCharsets.size < 256) knownCharsets.set(key, known);
  }
  return known;
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Value of a hexadecimal digit's char code, or -1 (NaN for a missing character also gives -1). */
function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

const B64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes a well-formed word's payload to bytes; returns an error text when the payload is malformed. */
export function decodeEncodedWordBytes(word: EncodedWord): Buffer | string {
  const out = Buffer.allocUnsafe(word.payload.length);
  const n = decodeEncodedWordInto(word, out);
  return typeof n === 'string' ? n : out.subarray(0, n);
}

/**
 * Decodes a word's payload into `out` (at least `payload.length` bytes long): the number of bytes, or an
 * error text when the payload is malformed.
 */
function decodeEncodedWordInto(word: EncodedWord, out: Buffer): number | string {
  const enc = word.encoding.toUpperCase();
  if (enc === 'B') {
    if (!B64_RE.test(word.payload) || word.payload.length % 4 !== 0)
      return 'the B (base64) payload has characters outside the alphabet or bad padding';
    return out.write(word.payload, 0, 'base64');
  }
  if (enc === 'Q') {
    const p = word.payload;
    let n = 0;
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      if (c === 0x3d) {
        const hi = hexValue(p.charCodeAt(i + 1));
        const lo = hexValue(p.charCodeAt(i + 2));
        if (hi < 0 || lo < 0) return `the Q payload has a malformed escape '=${p.slice(i + 1, i + 3)}'`;
        out[n++] = (hi << 4) | lo;
        i += 2;
      } else if (c === 0x5f) out[n++] = 0x20;
      else if (c > 0x20 && c < 0x7f) out[n++] = c;
      else return 'the Q payload has a character that must be =XX-escaped';
    }
    return n;
  }
  return `the encoding '${word.encoding}' is neither B nor Q`;
}

/** Charset name without an RFC 2231 `*language` suffix. */
export function charsetOf(word: EncodedWord): string {
  const star = word.charset.indexOf('*');
  return star === -1 ? word.charset : word.charset.slice(0, star);
}

/**
 * Checks one encoded word fully: structure, B/Q payload, charset known to iconv-lite, and bytes that decode
 * in that charset without replacement characters. Returns the decoded text or an error text.
 */
export function decodeEncodedWord(word: EncodedWord):
  | {
      /** The decoded text. */
      text: string;
    }
  | {
      /** Why the word does not decode. */
      error: string;
    } {
  if (word.structureError) return { error: word.structureError };
  const charset = charsetOf(word);
  if (!charsetKnown(charset)) return { error: `unknown charset '${charset}'` };
  const bytes = decodeEncodedWordBytes(word);
  if (typeof bytes === 'string') return { error: bytes };
  const lower = charset.toLowerCase();
  if (lower === 'utf-8' || lower === 'utf8') {
    try {
      return { text: STRICT_UTF8.decode(bytes) };
    } catch {
      return { error: 'the bytes are not valid UTF-8' };
    }
  }
  if ((lower === 'us-ascii' || lower === 'ascii') && bytes.some((b) => b > 0x7f))
    return { error: 'the bytes are not valid US-ASCII' };
  const text = iconv.decode(bytes, charset);
  if (text.includes('\ufffd')) return { error: `the bytes are not valid ${charset}` };
  return { text };
}

/** Reused output of `encodedWordError` for payloads up to its size (decoded bytes are only checked, never kept). */
const scratch = Buffer.allocUnsafe(1024);

/**
 * What `decodeEncodedWord` reports for a word, without building the decoded text when the charset is UTF-8
 * (the bytes are checked with the native UTF-8 validator in a reused buffer). undefined when the word is valid.
 */
export function encodedWordError(word: EncodedWord): string | undefined {
  if (word.structureError) return word.structureError;
  const charset = charsetOf(word);
  const lower = charset.toLowerCase();
  if (lower !== 'utf-8' && lower !== 'utf8') {
    const decoded = decodeEncodedWord(word);
    return 'error' in decoded ? decoded.error : undefined;
  }
  if (!charsetKnown(charset)) return `unknown charset '${charset}'`;
  const out = word.payload.length <= scratch.length ? scratch : Buffer.allocUnsafe(word.payload.length);
  const n = decodeEncodedWordInto(word, out);
  if (typeof n === 'string') return n;
  // A plain view (Buffer#subarray goes through the slower Buffer constructor).
  return isUtf8(new Uint8Array(out.buffer, out.byteOffset, n)) ? undefined : 'the bytes are not valid UTF-8';
}

const WS_ONLY = /^[ \t\r\n]*$/;

/**
 * Decodes every well-formed encoded word in a value (for file names); malformed words stay as written.
 * Adjacent valid UTF-8 words (only whitespace between them) are gathered as bytes and turned into text at once:
 * each was checked to be valid UTF-8 on its own, so this gives the same text as decoding them one by one, with
 * one string per run of words instead of one per word (a file name of 30,000 words stays linear and cheap).
 */
export function decodeEncodedWordsLenient(value: string): string {
  if (value.indexOf('=?') === -1) return value;
  // Decoded bytes are never longer than the value's payloads.
  const bytes = Buffer.allocUnsafe(value.length);
  let pending = 0;
  let out = '';
  let last = 0;
  let lastWasWord = false;
  const flush = () => {
    if (pending > 0) out += bytes.toString('utf8', 0, pending);
    pending = 0;
  };
  scanEncodedWords(value, undefined, (w) => {
    const between = value.slice(last, w.start);
    // RFC 2047 §6.2: whitespace between adjacent encoded words is dropped.
    const joined = lastWasWord && WS_ONLY.test(between);
    last = w.start + w.text.length;
    const lower = w.structureError === undefined ? charsetOf(w).toLowerCase() : '';
    if (lower === 'utf-8' || lower === 'utf8') {
      if (!joined) flush();
      const n = decodeEncodedWordInto(w, bytes.subarray(pending));
      if (typeof n === 'number' && isUtf8(new Uint8Array(bytes.buffer, bytes.byteOffset + pending, n))) {
        if (!joined) out += between;
        pending += n;
        lastWasWord = true;
        return;
      }
    }
    flush();
    const decoded = decodeEncodedWord(w);
    if ('text' in decoded) {
      out += joined ? '' : between;
      out += decoded.text;
      lastWasWord = true;
    } else {
      out += between + w.text;
      lastWasWord = false;
    }
  });
  flush();
  return out + value.slice(last);
}
