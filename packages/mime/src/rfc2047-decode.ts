import { Buffer } from 'node:buffer';
import iconv from 'iconv-lite';
import { KeptBuffer } from './kept-buffer.js';

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
 * Where one encoded word lies in a scanned value, as offsets (no strings are made while scanning). The scanner
 * reuses one span for every word: copy what you keep.
 */
export interface EncodedWordSpan {
  /** Offset of the word's `=?`. */
  start: number;
  /** End of the word's text: after `?=`, or for a malformed word the end of the prefix `EncodedWord.text` shows. */
  end: number;
  /** Offset of the `?` after the charset (the encoding letter follows it, the payload starts two later). */
  charsetEnd: number;
  /** End of the payload (the `?` of `?=`, or where a malformed word stopped). */
  payloadEnd: number;
  /** 0 for a well-formed word; 1 when the payload stops at a `?` that `=` does not follow; 2 at whitespace or the end. */
  malformed: 0 | 1 | 2;
}

const STRUCTURE_ERRORS = [
  undefined,
  "the encoded text contains '?' or the word does not end with '?='",
  "the word does not end with '?='",
] as const;

/**
 * Finds every encoded word (`=?charset?B|Q?text?=`) in a value and hands each to `onSpan` as offsets, in order
 * (one reused span object). Linear: every scan stops at the first `?` or whitespace, so candidates never rescan
 * each other's text. `scanEncodedWords` is this scanner with an object per word.
 */
export function scanEncodedWordSpans(
  value: string,
  counter: ScanCounter | undefined,
  onSpan: (span: EncodedWordSpan) => void,
): void {
  const span: EncodedWordSpan = { start: 0, end: 0, charsetEnd: 0, payloadEnd: 0, malformed: 0 };
  const len = value.length;
  let i = value.indexOf('=?');
  while (i !== -1) {
    let j = i + 2;
    while (j < len && value.charCodeAt(j) !== QUESTION && !isWs(value.charCodeAt(j))) j++;
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
    let k = j + 3;
    while (k < len && value.charCodeAt(k) !== QUESTION && !isWs(value.charCodeAt(k))) k++;
    if (counter) counter.steps += k - j;
    span.start = i;
    span.charsetEnd = j;
    span.payloadEnd = k;
    if (value.charCodeAt(k) === QUESTION && value.charCodeAt(k + 1) === EQUALS) {
      span.end = k + 2;
      span.malformed = 0;
      onSpan(span);
      i = value.indexOf('=?', k + 2);
    } else {
      span.end = Math.min(k + 1, i + 120, len);
      span.malformed = value.charCodeAt(k) === QUESTION ? 1 : 2;
      onSpan(span);
      i = value.indexOf('=?', i + 2);
    }
  }
}

/** The word a span describes, as an object of strings. */
export function encodedWordAt(value: string, span: EncodedWordSpan): EncodedWord {
  const word: EncodedWord = {
    text: value.slice(span.start, span.end),
    start: span.start,
    charset: value.slice(span.start + 2, span.charsetEnd),
    encoding: value.charAt(span.charsetEnd + 1),
    payload: value.slice(span.charsetEnd + 3, span.payloadEnd),
  };
  if (span.malformed !== 0) word.structureError = STRUCTURE_ERRORS[span.malformed];
  return word;
}

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
  scanEncodedWordSpans(value, counter, (span) => push(encodedWordAt(value, span)));
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

/** Value of each base64 alphabet character (`A–Z a–z 0–9 + /`) by char code, -1 for every other code below 128. */
const B64_VALUE = new Int8Array(128).fill(-1);
for (let v = 0; v < 64; v++)
  B64_VALUE['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(v)] = v;

const b64 = (c: number): number => (c < 128 ? (B64_VALUE[c] as number) : -1);

const B_MALFORMED = 'the B (base64) payload has characters outside the alphabet or bad padding';

/**
 * Decodes the B payload `s[from, to)` into `out` from `at`: the end of the bytes written, or -1 when it is not
 * base64 (only alphabet characters, at most two `=` at the end, a length that is a multiple of 4). Bits below
 * the last whole byte are dropped, as every base64 decoder does.
 */
function decodeBInto(s: string, from: number, to: number, out: Uint8Array, at: number): number {
  if ((to - from) % 4 !== 0) return -1;
  let end = to;
  if (end > from && s.charCodeAt(end - 1) === EQUALS) end--;
  if (end > from && s.charCodeAt(end - 1) === EQUALS) end--;
  const whole = from + ((end - from) & ~3);
  let o = at;
  for (let i = from; i < whole; i += 4) {
    const a = b64(s.charCodeAt(i));
    const b = b64(s.charCodeAt(i + 1));
    const c = b64(s.charCodeAt(i + 2));
    const d = b64(s.charCodeAt(i + 3));
    if ((a | b | c | d) < 0) return -1;
    out[o++] = (a << 2) | (b >> 4);
    out[o++] = ((b & 15) << 4) | (c >> 2);
    out[o++] = ((c & 3) << 6) | d;
  }
  // What is left before the padding: 2 characters (one byte) or 3 (two bytes); never 1 (the length is a
  // multiple of 4 and there are at most two '=').
  if (end > whole) {
    const a = b64(s.charCodeAt(whole));
    const b = b64(s.charCodeAt(whole + 1));
    if ((a | b) < 0) return -1;
    out[o++] = (a << 2) | (b >> 4);
    if (end - whole === 3) {
      const c = b64(s.charCodeAt(whole + 2));
      if (c < 0) return -1;
      out[o++] = ((b & 15) << 4) | (c >> 2);
    }
  }
  return o;
}

/**
 * Decodes the payload `s[from, to)` of a word with encoding `enc` (`B` or `Q` in either case, else an error) into
 * `out` from `at` (`out` has room for `to - from` more bytes): the end of the bytes written, or an error text.
 */
function decodePayloadInto(
  s: string,
  enc: string,
  from: number,
  to: number,
  out: Uint8Array,
  at: number,
): number | string {
  if (enc === 'B' || enc === 'b') {
    const end = decodeBInto(s, from, to, out, at);
    return end < 0 ? B_MALFORMED : end;
  }
  if (enc === 'Q' || enc === 'q') {
    let n = at;
    for (let i = from; i < to; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x3d) {
        const hi = i + 1 < to ? hexValue(s.charCodeAt(i + 1)) : -1;
        const lo = i + 2 < to ? hexValue(s.charCodeAt(i + 2)) : -1;
        if (hi < 0 || lo < 0)
          return `the Q payload has a malformed escape '=${s.slice(i + 1, Math.min(i + 3, to))}'`;
        out[n++] = (hi << 4) | lo;
        i += 2;
      } else if (c === 0x5f) out[n++] = 0x20;
      else if (c > 0x20 && c < 0x7f) out[n++] = c;
      else return 'the Q payload has a character that must be =XX-escaped';
    }
    return n;
  }
  return `the encoding '${enc}' is neither B nor Q`;
}

/** Decodes a well-formed word's payload to bytes; returns an error text when the payload is malformed. */
export function decodeEncodedWordBytes(word: EncodedWord): Buffer | string {
  const out = Buffer.allocUnsafe(word.payload.length);
  const n = decodePayloadInto(word.payload, word.encoding, 0, word.payload.length, out, 0);
  return typeof n === 'string' ? n : out.subarray(0, n);
}

/**
 * Whether `b[from, to)` is well-formed UTF-8 (what `buffer.isUtf8` answers: no overlong forms, surrogates,
 * code points past U+10FFFF or cut sequences). A loop here is cheaper than a native call for a word's few bytes.
 */
export function isUtf8Range(b: Uint8Array, from: number, to: number): boolean {
  let i = from;
  while (i < to) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    const c1 = i + 1 < to ? (b[i + 1] as number) : 0;
    if (c >= 0xc2 && c <= 0xdf) {
      if ((c1 & 0xc0) !== 0x80) return false;
      i += 2;
    } else if (c >= 0xe0 && c <= 0xef) {
      if (
        i + 2 >= to ||
        (c1 & 0xc0) !== 0x80 ||
        (c === 0xe0 && c1 < 0xa0) ||
        (c === 0xed && c1 > 0x9f) ||
        ((b[i + 2] as number) & 0xc0) !== 0x80
      )
        return false;
      i += 3;
    } else if (c >= 0xf0 && c <= 0xf4) {
      if (
        i + 3 >= to ||
        (c1 & 0xc0) !== 0x80 ||
        (c === 0xf0 && c1 < 0x90) ||
        (c === 0xf4 && c1 > 0x8f) ||
        ((b[i + 2] as number) & 0xc0) !== 0x80 ||
        ((b[i + 3] as number) & 0xc0) !== 0x80
      )
        return false;
      i += 4;
    } else return false;
  }
  return true;
}

/**
 * Whether the charset `s[from, to)`, without an RFC 2231 `*language` suffix, is `utf-8` or `utf8` in any ASCII
 * case (what `charsetOf(word).toLowerCase()` compares, without making strings).
 */
function isUtf8Charset(s: string, from: number, to: number): boolean {
  let end = from;
  while (end < to && s.charCodeAt(end) !== 0x2a) end++;
  const n = end - from;
  if (n !== 4 && n !== 5) return false;
  if (
    (s.charCodeAt(from) | 0x20) !== 0x75 ||
    (s.charCodeAt(from + 1) | 0x20) !== 0x74 ||
    (s.charCodeAt(from + 2) | 0x20) !== 0x66
  )
    return false;
  return n === 4
    ? s.charCodeAt(from + 3) === 0x38
    : s.charCodeAt(from + 3) === 0x2d && s.charCodeAt(from + 4) === 0x38;
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

/** Reused output of the checks for payloads up to its size (decoded bytes are only checked, never kept). */
let scratch = new Uint8Array(1024);

/** Room for `n` decoded bytes: the reused scratch, grown (up to 64 KB it is kept) or a one-off buffer. */
function room(n: number): Uint8Array {
  if (n <= scratch.length) return scratch;
  const out = new Uint8Array(n);
  if (n <= 65536) scratch = out;
  return out;
}

/**
 * What `decodeEncodedWord` reports for a word, without building the decoded text when the charset is UTF-8
 * (the bytes are decoded into a reused buffer and checked). undefined when the word is valid.
 */
export function encodedWordError(word: EncodedWord): string | undefined {
  if (word.structureError) return word.structureError;
  const charset = charsetOf(word);
  if (!isUtf8Charset(charset, 0, charset.length)) {
    const decoded = decodeEncodedWord(word);
    return 'error' in decoded ? decoded.error : undefined;
  }
  const p = word.payload;
  const out = room(p.length);
  const n = decodePayloadInto(p, word.encoding, 0, p.length, out, 0);
  if (typeof n === 'string') return n;
  return isUtf8Range(out, 0, n) ? undefined : 'the bytes are not valid UTF-8';
}

/**
 * `encodedWordError` for the word `span` describes in `value`, making no strings for a UTF-8 word (valid or
 * not): the check the encoded-word rule runs on every word of every text header.
 */
export function encodedWordSpanError(value: string, span: EncodedWordSpan): string | undefined {
  if (span.malformed !== 0) return STRUCTURE_ERRORS[span.malformed];
  if (!isUtf8Charset(value, span.start + 2, span.charsetEnd))
    return encodedWordError(encodedWordAt(value, span));
  const from = span.charsetEnd + 3;
  const out = room(span.payloadEnd - from);
  const n = decodePayloadInto(value, value.charAt(span.charsetEnd + 1), from, span.payloadEnd, out, 0);
  if (typeof n === 'string') return n;
  return isUtf8Range(out, 0, n) ? undefined : 'the bytes are not valid UTF-8';
}

/** Room for the bytes of runs of words, kept between calls (a long file name's bytes are then no new garbage); at
 * most 2 MiB is kept (the largest header section the validator reads is 1 MiB). */
const runBytes = new KeptBuffer(2 * 1024 * 1024);

/** Whether `s[from, to)` is only SP, HTAB, CR and LF. */
function wsOnly(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isWs(s.charCodeAt(i))) return false;
  return true;
}

/**
 * Decodes every well-formed encoded word in a value (for file names); malformed words stay as written.
 * Adjacent valid UTF-8 words (only whitespace between them) are gathered as bytes and turned into text at once:
 * each was checked to be valid UTF-8 on its own, so this gives the same text as decoding them one by one, with
 * one string per run of words instead of one per word (a file name of 30,000 words stays linear and cheap).
 * UTF-8 words are decoded straight from the value's offsets; only other words become `EncodedWord` objects.
 */
export function decodeEncodedWordsLenient(value: string): string {
  if (value.indexOf('=?') === -1) return value;
  // Decoded bytes are never longer than the value's payloads.
  const bytes = runBytes.room(value.length);
  let pending = 0;
  let out = '';
  let last = 0;
  let lastWasWord = false;
  const flush = () => {
    if (pending > 0) out += bytes.toString('utf8', 0, pending);
    pending = 0;
  };
  scanEncodedWordSpans(value, undefined, (w) => {
    const prev = last;
    last = w.end;
    // RFC 2047 §6.2: whitespace between adjacent encoded words is dropped.
    const joined = lastWasWord && wsOnly(value, prev, w.start);
    if (w.malformed === 0 && isUtf8Charset(value, w.start + 2, w.charsetEnd)) {
      if (!joined) flush();
      const n = decodePayloadInto(
        value,
        value.charAt(w.charsetEnd + 1),
        w.charsetEnd + 3,
        w.payloadEnd,
        bytes,
        pending,
      );
      if (typeof n === 'number' && isUtf8Range(bytes, pending, n)) {
        if (!joined) out += value.slice(prev, w.start);
        pending = n;
        lastWasWord = true;
        return;
      }
    }
    flush();
    const decoded = decodeEncodedWord(encodedWordAt(value, w));
    if ('text' in decoded) {
      if (!joined) out += value.slice(prev, w.start);
      out += decoded.text;
      lastWasWord = true;
    } else {
      // Not decoded: its text stays in the value, to be copied with the text before the next word. (Copying it
      // here would repeat characters: a malformed word's shown prefix can reach past the next word's start.)
      last = prev;
      lastWasWord = false;
    }
  });
  // An ASCII tail after the last decoded word (` .pdf`) joins its bytes, so that the result is one flat string
  // rather than a concatenation that the first reader of a long file name has to copy.
  if (pending > 0 && last < value.length && isAsciiFrom(value, last)) {
    for (let i = last; i < value.length; i++) bytes[pending++] = value.charCodeAt(i);
    last = value.length;
  }
  flush();
  return last === value.length ? out : out + value.slice(last);
}

/** Whether `s` from `from` on is ASCII (its UTF-8 bytes are its char codes). */
function isAsciiFrom(s: string, from: number): boolean {
  for (let i = from; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}
