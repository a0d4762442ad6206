import { type Buffer, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { KeptBuffer } from './kept-buffer.js';
import { type ParamList, type RawParam, sameLowerCase } from './params.js';

/**
 * Most RFC 2231 continuation sections of one parameter. A parameter with more is reported and gets no value
 * (never one cut short: the end of a file name is what the attachment rules read).
 */
export const MAX_PARAM_SECTIONS = 10_000;

/** Section numbers are read up to this value (larger ones are out of sequence anyway). */
const MAX_SECTION_NUMBER = 999_999_999;

/** Parameters after RFC 2231 decoding: continuations joined, `name*` values percent- and charset-decoded. */
export interface DecodedParams {
  /** Lower-cased name (without `*` suffixes) → decoded value. First occurrence wins. */
  values: Map<string, string>;
  /** What could not be decoded (unknown charset, bad %-escape, gaps in continuations). */
  errors: string[];
}

/** One sectioned parameter: its sections are a chain through `next` (see `decodeSource`), in written order. */
interface Sections {
  /** The parameter's name without `*` suffixes. */
  name: string;
  /** Where its first and last sections are in the parameter list. */
  first: number;
  last: number;
  count: number;
}

/**
 * Percent-decodes a section into `out` at `at` (`out` has room: decoding never lengthens). Returns the new end,
 * or -1 for a malformed escape.
 */
function percentDecodeInto(piece: SectionText, out: Buffer, at: number): number {
  const s = piece.text;
  const to = piece.to;
  let n = at;
  for (let i = piece.from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25) {
      const hi = i + 1 < to ? hexValue(s.charCodeAt(i + 1)) : -1;
      const lo = i + 2 < to ? hexValue(s.charCodeAt(i + 2)) : -1;
      if (hi < 0 || lo < 0) return -1;
      out[n++] = (hi << 4) | lo;
      i += 2;
    } else out[n++] = c & 0xff;
  }
  return n;
}

/** Value of a hexadecimal digit's char code, or -1 (NaN, past the end, also gives -1). */
function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/**
 * The section number and `*` of a parameter name `base*`, `base*N` or `base*N*` (N a run of digits) in
 * `s[from, to)`, with its first `*` at `star`: `index * 2 + (extended ? 1 : 0)`, or -1 when the name has another
 * shape (then it is a plain name, `*` and all).
 */
function sectionOf(s: string, from: number, to: number, star: number): number {
  if (star <= from) return -1;
  if (star + 1 === to) return 1; // `name*`: section 0, extended
  let p = star + 1;
  let index = 0;
  while (p < to) {
    const c = s.charCodeAt(p);
    if (c < 0x30 || c > 0x39) break;
    // Past nine digits the number only has to be too large to be in sequence (and stay within an int32 code).
    index = Math.min(index * 10 + (c - 0x30), MAX_SECTION_NUMBER);
    p++;
  }
  if (p === star + 1) return -1;
  if (p === to) return index * 2;
  return p + 1 === to && s.charCodeAt(p) === 0x2a ? index * 2 + 1 : -1;
}

/**
 * What decoding needs of a parameter list: `RawParam` objects (`decodeParams`) or a `ParamList`'s offsets
 * (`decodeParamList`), read through one interface so that both are decoded by the same code.
 */
interface ParamSource {
  readonly length: number;
  /** The text holding the i-th name, and where the name lies in it. */
  nameText(i: number): string;
  nameStart(i: number): number;
  nameEnd(i: number): number;
  /** The name as a key (as written for `RawParam`s, lower-cased for a `ParamList`). */
  key(i: number, end: number): string;
  /** Whether the i-th name up to `end` is `key`. */
  keyIs(i: number, end: number, key: string): boolean;
  /** The text holding the i-th value (quoting undone), and where the value lies in it. */
  valueText(i: number): string;
  valueStart(i: number): number;
  valueEnd(i: number): number;
}

/** `RawParam` objects as a source: names and values are the objects' own strings. */
class RawSource implements ParamSource {
  constructor(private readonly params: readonly RawParam[]) {}
  get length(): number {
    return this.params.length;
  }
  nameText(i: number): string {
    return (this.params[i] as RawParam).name;
  }
  nameStart(): number {
    return 0;
  }
  nameEnd(i: number): number {
    return (this.params[i] as RawParam).name.length;
  }
  key(i: number, end: number): string {
    const name = (this.params[i] as RawParam).name;
    return end === name.length ? name : name.slice(0, end);
  }
  keyIs(i: number, end: number, key: string): boolean {
    const name = (this.params[i] as RawParam).name;
    return end === key.length && name.startsWith(key);
  }
  valueText(i: number): string {
    return (this.params[i] as RawParam).value;
  }
  valueStart(): number {
    return 0;
  }
  valueEnd(i: number): number {
    return (this.params[i] as RawParam).value.length;
  }
}

/** A `ParamList` as a source: offsets into its text; only a value with quoted-pairs becomes a string of its own. */
class ListSource implements ParamSource {
  constructor(private readonly list: ParamList) {}
  get length(): number {
    return this.list.length;
  }
  nameText(): string {
    return this.list.text;
  }
  nameStart(i: number): number {
    return this.list.nameStart(i);
  }
  nameEnd(i: number): number {
    return this.list.nameEnd(i);
  }
  key(i: number, end: number): string {
    return this.list.text.slice(this.list.nameStart(i), end).toLowerCase();
  }
  keyIs(i: number, end: number, key: string): boolean {
    return sameLowerCase(this.list.text, this.list.nameStart(i), end, key);
  }
  valueText(i: number): string {
    return this.list.escaped(i) ? this.list.value(i) : this.list.text;
  }
  valueStart(i: number): number {
    return this.list.escaped(i) ? 0 : this.list.valueStart(i);
  }
  valueEnd(i: number): number {
    return this.list.escaped(i) ? this.list.value(i).length : this.list.valueEnd(i);
  }
}

/** Decoding room kept between calls, so that a long value's bytes are not a new buffer (garbage) each time; at most
 * 2 MiB is kept (the largest header section the validator reads is 1 MiB). */
const sectionBytes = new KeptBuffer(2 * 1024 * 1024);

/**
 * The order of the sections at `at` (their codes in `codes`) by section number, as positions in `at` (stable:
 * equal numbers keep their written order); undefined when they were written in order.
 */
function sectionOrder(at: Int32Array, codes: Int32Array): number[] | undefined {
  const index = (k: number) => (codes[at[k] as number] as number) >> 1;
  let sorted = true;
  for (let k = 1; k < at.length && sorted; k++) sorted = index(k - 1) <= index(k);
  if (sorted) return undefined; // the usual case: written in order
  const order = Array.from(at, (_, k) => k);
  order.sort((a, b) => index(a) - index(b) || a - b);
  return order;
}

/** Joins RFC 2231 continuations (`name*0*=`, `name*1=`) and decodes `charset'lang'%XX` values. */
export function decodeParams(params: readonly RawParam[]): DecodedParams {
  return decodeSource(new RawSource(params));
}

/**
 * `decodeParams` for a `ParamList` (`parseParamList`): sections are decoded from the list's offsets, so a
 * value in 17,000 continuations makes no string per section.
 */
export function decodeParamList(list: ParamList): DecodedParams {
  return decodeSource(new ListSource(list));
}

/** Where a section lies: its text and the range of it that holds the value. */
interface SectionText {
  text: string;
  from: number;
  to: number;
}

function decodeSource(src: ParamSource): DecodedParams {
  const values = new Map<string, string>();
  const errors: string[] = [];
  const count = src.length;
  // Sectioned parameters (rare: most lists have none) in typed arrays made on the first one: per parameter its
  // section code (`sectionOf`) and the next section of the same parameter in written order (a group's last `next`
  // is never read: its `count` ends the walk), so a value in 10,000 continuations makes no object or string per
  // section.
  let codes: Int32Array | undefined;
  let next: Int32Array | undefined;
  const groups: Sections[] = [];
  let byName: Map<string, Sections> | undefined;
  // Sections of one parameter usually follow each other: the last one's group is found without a lookup.
  let last: Sections | undefined;
  for (let p = 0; p < count; p++) {
    const text = src.nameText(p);
    const from = src.nameStart(p);
    const to = src.nameEnd(p);
    const star = text.indexOf('*', from);
    const section = star === -1 || star >= to ? -1 : sectionOf(text, from, to, star);
    if (section < 0) {
      const name = src.key(p, to);
      if (!values.has(name)) values.set(name, sectionValue(src, p));
      continue;
    }
    codes ??= new Int32Array(count);
    next ??= new Int32Array(count);
    let group = last;
    if (group === undefined || !src.keyIs(p, star, group.name)) {
      const base = src.key(p, star);
      byName ??= new Map<string, Sections>();
      group = byName.get(base);
      if (!group) {
        group = { name: base, first: p, last: p, count: 0 };
        byName.set(base, group);
        groups.push(group);
      }
      last = group;
    }
    codes[p] = section;
    if (group.count > 0) next[group.last] = p;
    group.last = p;
    group.count++;
  }
  if (codes === undefined || next === undefined) return { values, errors };
  const piece: SectionText = { text: '', from: 0, to: 0 };
  for (const sections of groups) {
    const name = sections.name;
    const n = sections.count;
    if (n > MAX_PARAM_SECTIONS) {
      errors.push(
        `parameter '${name}' has ${n} RFC 2231 continuations; at most ${MAX_PARAM_SECTIONS} can be numbered`,
      );
      continue;
    }
    // Where each section is in the list, in written order.
    const at = new Int32Array(n);
    for (let k = 0, p = sections.first; k < n; k++, p = next[p] as number) at[k] = p;
    const order = sectionOrder(at, codes);
    let charset = '';
    // All sections are decoded into one buffer (decoding never lengthens a value).
    let room = 0;
    for (let k = 0; k < n; k++) room += src.valueEnd(at[k] as number) - src.valueStart(at[k] as number);
    const bytes = sectionBytes.room(room);
    let end = 0;
    let ok = true;
    // Without an extended section there is no charset: the value is the sections' text joined, as a plain
    // parameter's value is its text (raw non-ASCII included), not bytes read as US-ASCII.
    let plain = true;
    for (let k = 0; k < n && plain; k++) plain = ((codes[at[k] as number] as number) & 1) === 0;
    let joined = '';
    for (let i = 0; i < n; i++) {
      const p = at[order === undefined ? i : (order[i] as number)] as number;
      const code = codes[p] as number;
      const index = code >> 1;
      const extended = (code & 1) === 1;
      if (index !== i) {
        errors.push(`parameter '${name}' has RFC 2231 continuation ${index} without ${i}`);
        ok = false;
        break;
      }
      piece.text = src.valueText(p);
      piece.from = src.valueStart(p);
      piece.to = src.valueEnd(p);
      if (extended && i === 0) {
        const q1 = indexIn(piece, "'", piece.from);
        const q2 = q1 === -1 ? -1 : indexIn(piece, "'", q1 + 1);
        if (q2 === -1) {
          errors.push(`parameter '${name}*' lacks the charset'language' prefix of RFC 2231`);
          ok = false;
          break;
        }
        charset = piece.text.slice(piece.from, q1);
        piece.from = q2 + 1;
      }
      if (plain) {
        joined += piece.text.slice(piece.from, piece.to);
        continue;
      }
      const end2 = extended ? percentDecodeInto(piece, bytes, end) : latin1Into(piece, bytes, end);
      if (end2 < 0) {
        errors.push(`parameter '${name}' has a malformed %-escape`);
        ok = false;
        break;
      }
      end = end2;
    }
    if (!ok) continue;
    if (plain) {
      values.set(name, joined);
      continue;
    }
    const all = bytes.subarray(0, end);
    const cs = charset === '' ? 'us-ascii' : charset;
    if (!iconv.encodingExists(cs)) {
      errors.push(`parameter '${name}*' names unknown charset '${charset}'`);
      values.set(name, all.toString('latin1'));
      continue;
    }
    values.set(name, decodeText(all, cs));
  }
  return { values, errors };
}

/** The i-th value as a string. */
function sectionValue(src: ParamSource, p: number): string {
  const text = src.valueText(p);
  const from = src.valueStart(p);
  const to = src.valueEnd(p);
  return from === 0 && to === text.length ? text : text.slice(from, to);
}

/** `indexOf` within a section's range (-1 past its end). */
function indexIn(piece: SectionText, what: string, from: number): number {
  const at = piece.text.indexOf(what, from);
  return at === -1 || at >= piece.to ? -1 : at;
}

/** Copies a section's characters as bytes (the low byte of each, as Buffer#write with 'latin1' does). */
function latin1Into(piece: SectionText, out: Buffer, at: number): number {
  let n = at;
  const s = piece.text;
  for (let i = piece.from; i < piece.to; i++) out[n++] = s.charCodeAt(i) & 0xff;
  return n;
}

/**
 * `iconv.decode(bytes, charset)`, with valid UTF-8 turned into text by Node's own decoder (iconv-lite's goes
 * through a StringDecoder, several times slower on a long file name). iconv-lite drops a leading BOM; so does this.
 */
function decodeText(bytes: Buffer, charset: string): string {
  const lower = charset.toLowerCase();
  if ((lower === 'utf-8' || lower === 'utf8') && isUtf8(bytes)) {
    const text = bytes.toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
  return iconv.decode(bytes, charset);
}
