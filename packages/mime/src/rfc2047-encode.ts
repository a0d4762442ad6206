/**
 * RFC 2047 encoded words (UTF-8), B or Q chosen by measured length, never splitting a user-perceived
 * character (grapheme cluster): astral characters such as U+20000, emoji ZWJ sequences and combining
 * sequences stay inside one word. Only a single cluster too long for any word (e.g. a letter followed by
 * dozens of combining marks) is split, and then only between code points.
 */
import { MAX_ENCODED_WORD } from './limits.js';

const PREFIX_LEN = '=?UTF-8?Q?'.length; // same length for B
const OVERHEAD = PREFIX_LEN + 2; // plus "?="
const HEX = '0123456789ABCDEF';

/** Bytes that Q encoding may write literally in any context (RFC 2047 §5 rule 3, the strictest). */
const Q_LITERAL = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9!*+\-/]/.test(ch)) Q_LITERAL[c] = 1;
}
/** Length of each byte in Q encoding: 1 literal, 1 for space ("_"), else 3 ("=XX"). */
const Q_LEN = new Uint8Array(256);
for (let c = 0; c < 256; c++) Q_LEN[c] = Q_LITERAL[c] || c === 0x20 ? 1 : 3;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** UTF-8 length of a JS string without allocating. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

const HEX_BYTES = Buffer.from(HEX, 'latin1');
let qScratch = Buffer.allocUnsafe(256);

function qEncode(bytes: Uint8Array, start: number, end: number): string {
  if (qScratch.length < (end - start) * 3) qScratch = Buffer.allocUnsafe((end - start) * 3);
  const out = qScratch;
  let o = 0;
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (Q_LITERAL[b]) out[o++] = b;
    else if (b === 0x20)
      out[o++] = 0x5f; // "_"
    else {
      out[o++] = 0x3d; // "="
      out[o++] = HEX_BYTES[b >> 4]!;
      out[o++] = HEX_BYTES[b & 15]!;
    }
  }
  return out.toString('latin1', 0, o);
}

function bEncode(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('base64');
}

/** Splits text into the atoms an encoded word may not split: grapheme clusters, or code points within an oversize cluster. */
/**
 * Characters that can join a neighbour into one grapheme cluster (UAX #29: Extend, SpacingMark, ZWJ, Prepend,
 * Hangul jamo, regional indicators, emoji modifiers and tags). Text with none of them has one cluster per code
 * point, so the (slow) segmenter is skipped. A test checks this against Intl.Segmenter over all of Unicode.
 */
const MAY_JOIN =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: a set of single code points (joiners and marks) on purpose
  /[\p{M}\u200c\u200d\u0e33\u0eb3\uff9e\uff9f\u{1f3fb}-\u{1f3ff}\u{e0020}-\u{e007f}\u{1f1e6}-\u{1f1ff}\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u{110bd}\u{110cd}\u0d4e\u{111c2}\u{111c3}\u{1193f}\u{11941}\u{11a3a}\u{11a84}-\u{11a89}\u{11d46}\u{11f02}\u{113d1}\u{16d63}-\u{16d6a}]/u;

/** V8's segmenter is quadratic on long strings, so text is segmented in windows of this many code units. */
const WINDOW = 128;

/** Grapheme clusters of `text`, in linear time; a cluster longer than the window comes out in pieces. */
function* clusters(text: string): Generator<string> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + WINDOW);
    const c = text.charCodeAt(end - 1);
    if (end < text.length && c >= 0xd800 && c <= 0xdbff) end--; // never cut a surrogate pair
    const segs: string[] = [];
    for (const { segment } of segmenter.segment(text.slice(start, end))) segs.push(segment);
    if (end === text.length || segs.length === 1) {
      yield* segs;
      start = end;
      continue;
    }
    segs.pop(); // the last cluster may continue past the window: segment it again with what follows
    for (const seg of segs) {
      yield seg;
      start += seg.length;
    }
  }
}

/** True when `text` may hold a multi-code-point grapheme cluster (and so needs the segmenter). */
export function mayJoin(text: string): boolean {
  return MAY_JOIN.test(text);
}

function atoms(text: string, maxAtomBytes: number): number[] {
  // Returns UTF-8 byte lengths of each atom, in order.
  const out: number[] = [];
  if (!mayJoin(text)) {
    // One atom per code point: its UTF-8 length (a lone surrogate counts 3, as Buffer.from writes U+FFFD).
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) out.push(1);
      else if (c < 0x800) out.push(2);
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          out.push(4);
          i++;
        } else out.push(3);
      } else out.push(3);
    }
    return out;
  }
  for (const segment of clusters(text)) {
    const len = utf8Length(segment);
    if (len <= maxAtomBytes) {
      out.push(len);
      continue;
    }
    for (const cp of segment) out.push(utf8Length(cp));
  }
  return out;
}

/** Which encoding is shorter for these bytes ('Q' on a tie: it stays readable). */
export function chooseEncoding(bytes: Uint8Array): 'B' | 'Q' {
  let q = 0;
  for (let i = 0; i < bytes.length; i++) q += Q_LEN[bytes[i]!]!;
  const b = Math.ceil(bytes.length / 3) * 4;
  return b < q ? 'B' : 'Q';
}

/**
 * Encodes `text` as a sequence of RFC 2047 encoded words.
 *
 * @param text - any well-formed Unicode string (non-empty)
 * @param firstMax - maximum length of the first word (so it can fit on the current header line); later words
 *   are at most 75 characters. When not even one character fits in `firstMax`, the first word is sized as a
 *   normal word and the caller should fold before it.
 * @returns the words; decoding and concatenating them gives back `text` exactly.
 */
export function encodeWordList(text: string, firstMax: number = MAX_ENCODED_WORD): string[] {
  if (text === '') return [];
  const bytes = Buffer.from(text, 'utf8');
  const enc = chooseEncoding(bytes);
  const prefix = enc === 'B' ? '=?UTF-8?B?' : '=?UTF-8?Q?';
  const maxPayload = MAX_ENCODED_WORD - OVERHEAD;
  // Max bytes per atom such that one atom always fits in a word: B → 3*floor(payload/4), Q → floor(payload/3).
  const maxAtomBytes = enc === 'B' ? Math.floor(maxPayload / 4) * 3 : Math.floor(maxPayload / 3);
  const sizes = atoms(text, maxAtomBytes);
  const words: string[] = [];
  let budget = Math.min(firstMax, MAX_ENCODED_WORD) - OVERHEAD;
  let start = 0; // byte offset of current word
  let pos = 0; // byte offset of next atom
  let payload = 0; // Q payload length so far (B computed from bytes)
  let first = true;
  for (let a = 0; a < sizes.length; a++) {
    const n = sizes[a]!;
    let add: number;
    if (enc === 'Q') {
      add = 0;
      for (let i = pos; i < pos + n; i++) add += Q_LEN[bytes[i]!]!;
    } else add = Math.ceil((pos + n - start) / 3) * 4 - payload;
    if (payload + add > budget && pos > start) {
      words.push(`${prefix + (enc === 'B' ? bEncode(bytes, start, pos) : qEncode(bytes, start, pos))}?=`);
      start = pos;
      payload = 0;
      first = false;
      budget = maxPayload;
      add = enc === 'Q' ? add : Math.ceil(n / 3) * 4;
    } else if (payload + add > budget && first) {
      // Not even one atom fits the first line's budget: size the first word normally (caller folds).
      budget = maxPayload;
      first = false;
    }
    payload += add;
    pos += n;
  }
  if (pos > start)
    words.push(`${prefix + (enc === 'B' ? bEncode(bytes, start, pos) : qEncode(bytes, start, pos))}?=`);
  return words;
}

/**
 * Encodes `text` as RFC 2047 encoded words separated by single spaces, for use as a display name or other
 * phrase/unstructured header text (e.g. an SES `Source` display name). Each word is at most 75 characters and
 * never splits a character. Returns `''` for `''`.
 *
 * @example encodeWords('Jürgen Müller') // '=?UTF-8?B?SsO8cmdlbiBNw7xsbGVy?=' (B: shorter than Q here)
 */
export function encodeWords(text: string): string {
  return encodeWordList(text).join(' ');
}
