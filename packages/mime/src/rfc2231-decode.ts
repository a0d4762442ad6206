import { Buffer, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import type { RawParam } from './params.js';

/**
 * Most RFC 2231 continuation sections of one parameter: section numbers have at most four digits, so a
 * parameter with more sections has a gap or a repeated number, which is reported (never silently cut off).
 */
export const MAX_PARAM_SECTIONS = 10_000;

/** Parameters after RFC 2231 decoding: continuations joined, `name*` values percent- and charset-decoded. */
export interface DecodedParams {
  /** Lower-cased name (without `*` suffixes) → decoded value. First occurrence wins. */
  values: Map<string, string>;
  /** What could not be decoded (unknown charset, bad %-escape, gaps in continuations). */
  errors: string[];
}

/** The sections of one parameter, as parallel lists in the order written (no object per section). */
interface Sections {
  /** The parameter's name without `*` suffixes. */
  name: string;
  index: number[];
  extended: boolean[];
  value: string[];
}

/**
 * Percent-decodes `s` into `out` at `at` (`out` has room: decoding never lengthens). Returns the new end, or -1
 * for a malformed escape.
 */
function percentDecodeInto(s: string, out: Buffer, at: number): number {
  let n = at;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25) {
      const hi = hexValue(s.charCodeAt(i + 1));
      const lo = hexValue(s.charCodeAt(i + 2));
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
 * The section number and `*` of a parameter name `base*`, `base*N` or `base*N*` (N of one to four digits), with
 * its first `*` at `star`: `index * 2 + (extended ? 1 : 0)`, or -1 when the name has another shape (then it is a
 * plain name, `*` and all).
 */
function sectionOf(name: string, star: number): number {
  if (star < 1) return -1;
  const len = name.length;
  if (star + 1 === len) return 1; // `name*`: section 0, extended
  let p = star + 1;
  let index = 0;
  while (p < len && p - star <= 4) {
    const c = name.charCodeAt(p);
    if (c < 0x30 || c > 0x39) break;
    index = index * 10 + (c - 0x30);
    p++;
  }
  if (p === star + 1) return -1;
  if (p === len) return index * 2;
  return p + 1 === len && name.charCodeAt(p) === 0x2a ? index * 2 + 1 : -1;
}

/** Positions of the sections in section-number order (stable: equal numbers keep their written order). */
function sectionOrder(index: readonly number[]): number[] | undefined {
  let sorted = true;
  for (let i = 1; i < index.length && sorted; i++) sorted = (index[i - 1] as number) <= (index[i] as number);
  if (sorted) return undefined; // the usual case: written in order
  const order = index.map((_, i) => i);
  order.sort((a, b) => (index[a] as number) - (index[b] as number) || a - b);
  return order;
}

/** Joins RFC 2231 continuations (`name*0*=`, `name*1=`) and decodes `charset'lang'%XX` values. */
export function decodeParams(params: readonly RawParam[]): DecodedParams {
  const values = new Map<string, string>();
  const errors: string[] = [];
  // Made only when a parameter name has a `*` (rare): most values have none.
  let sectioned: Map<string, Sections> | undefined;
  // Sections of one parameter usually follow each other: the last one's list is found without a lookup.
  let last: Sections | undefined;
  for (const p of params) {
    const star = p.name.indexOf('*');
    const section = star === -1 ? -1 : sectionOf(p.name, star);
    if (section < 0) {
      if (!values.has(p.name)) values.set(p.name, p.value);
      continue;
    }
    let list = last;
    if (list === undefined || star !== list.name.length || !p.name.startsWith(list.name)) {
      const base = p.name.slice(0, star);
      sectioned ??= new Map<string, Sections>();
      list = sectioned.get(base);
      if (!list) {
        list = { name: base, index: [], extended: [], value: [] };
        sectioned.set(base, list);
      }
      last = list;
    }
    list.index.push(section >> 1);
    list.extended.push((section & 1) === 1);
    list.value.push(p.value);
  }
  if (sectioned === undefined) return { values, errors };
  for (const [name, sections] of sectioned) {
    const count = sections.index.length;
    if (count > MAX_PARAM_SECTIONS) {
      errors.push(
        `parameter '${name}' has ${count} RFC 2231 continuations; at most ${MAX_PARAM_SECTIONS} can be numbered`,
      );
      continue;
    }
    const order = sectionOrder(sections.index);
    let charset = '';
    // All sections are decoded into one buffer (decoding never lengthens a value).
    let room = 0;
    for (const v of sections.value) room += v.length;
    const bytes = Buffer.allocUnsafe(room);
    let end = 0;
    let ok = true;
    for (let i = 0; i < count; i++) {
      const at = order === undefined ? i : (order[i] as number);
      const index = sections.index[at] as number;
      const extended = sections.extended[at] as boolean;
      if (index !== i) {
        errors.push(`parameter '${name}' has RFC 2231 continuation ${index} without ${i}`);
        ok = false;
        break;
      }
      let text = sections.value[at] as string;
      if (extended && i === 0) {
        const q1 = text.indexOf("'");
        const q2 = q1 === -1 ? -1 : text.indexOf("'", q1 + 1);
        if (q2 === -1) {
          errors.push(`parameter '${name}*' lacks the charset'language' prefix of RFC 2231`);
          ok = false;
          break;
        }
        charset = text.slice(0, q1);
        text = text.slice(q2 + 1);
      }
      const next = extended ? percentDecodeInto(text, bytes, end) : end + bytes.write(text, end, 'latin1');
      if (next < 0) {
        errors.push(`parameter '${name}' has a malformed %-escape`);
        ok = false;
        break;
      }
      end = next;
    }
    if (!ok) continue;
    const all = bytes.subarray(0, end);
    const cs = charset === '' ? 'us-ascii' : charset;
    if (!iconv.encodingExists(cs)) {
      errors.push(`parameter '${name}*' names unknown charset '${charset}'`);
      values.set(name, all.toString('latin1'));
      continue;
    }
    if (!values.has(name) || sectioned.has(name)) values.set(name, decodeText(all, cs));
  }
  return { values, errors };
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
