/**
 * decodeParams as it was before sections were kept in parallel lists (commit e701ab0): the oracle of
 * rfc2231-decode-reference.test.ts. One change since: a parameter whose sections are all plain (none extended)
 * is their text joined, as a plain parameter's value is its text (it was read back through US-ASCII). Two since:
 * a section number may have any number of digits (`name*10000` was a plain parameter named so, which let a file
 * name's end hide in section 10,000), and more than MAX_PARAM_SECTIONS sections give an error.
 */
import { Buffer } from 'node:buffer';
import iconv from 'iconv-lite';
import type { RawParam } from '../../src/params.js';

/** Most RFC 2231 continuation sections of one parameter (more: an error). */
const MAX_PARAM_SECTIONS = 10_000;

/** Parameters after RFC 2231 decoding: continuations joined, `name*` values percent- and charset-decoded. */
interface DecodedParams {
  /** Lower-cased name (without `*` suffixes) → decoded value. First occurrence wins. */
  values: Map<string, string>;
  /** What could not be decoded (unknown charset, bad %-escape, gaps in continuations). */
  errors: string[];
}

interface Section {
  index: number;
  extended: boolean;
  value: string;
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

/** Joins RFC 2231 continuations (`name*0*=`, `name*1=`) and decodes `charset'lang'%XX` values. */
export function decodeParamsReference(params: readonly RawParam[]): DecodedParams {
  const values = new Map<string, string>();
  const errors: string[] = [];
  // Made only when a parameter name has a `*` (rare): most values have none.
  let sectioned: Map<string, Section[]> | undefined;
  for (const p of params) {
    const m = p.name.indexOf('*') === -1 ? null : /^([^*]+)\*(?:(\d+)(\*)?|)$/.exec(p.name);
    if (!m) {
      if (!values.has(p.name)) values.set(p.name, p.value);
      continue;
    }
    const base = m[1] as string;
    const index = m[2] === undefined ? 0 : Math.min(Number(m[2]), 999_999_999);
    const extended = m[2] === undefined ? true : m[3] === '*';
    sectioned ??= new Map<string, Section[]>();
    let list = sectioned.get(base);
    if (!list) {
      list = [];
      sectioned.set(base, list);
    }
    list.push({ index, extended, value: p.value });
  }
  if (sectioned === undefined) return { values, errors };
  for (const [name, sections] of sectioned) {
    if (sections.length > MAX_PARAM_SECTIONS) {
      errors.push(
        `parameter '${name}' has ${sections.length} RFC 2231 continuations; at most ${MAX_PARAM_SECTIONS} can be numbered`,
      );
      continue;
    }
    sections.sort((a, b) => a.index - b.index);
    let charset = '';
    // All sections are decoded into one buffer (decoding never lengthens a value).
    let room = 0;
    for (const s of sections) room += s.value.length;
    const bytes = Buffer.allocUnsafe(room);
    let end = 0;
    let ok = true;
    for (let i = 0; i < sections.length; i++) {
      const s = sections[i] as Section;
      if (s.index !== i) {
        errors.push(`parameter '${name}' has RFC 2231 continuation ${s.index} without ${i}`);
        ok = false;
        break;
      }
      let text = s.value;
      if (s.extended && i === 0) {
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
      const next = s.extended ? percentDecodeInto(text, bytes, end) : end + bytes.write(text, end, 'latin1');
      if (next < 0) {
        errors.push(`parameter '${name}' has a malformed %-escape`);
        ok = false;
        break;
      }
      end = next;
    }
    if (!ok) continue;
    if (sections.every((s) => !s.extended)) {
      values.set(name, sections.map((s) => s.value).join(''));
      continue;
    }
    const all = bytes.subarray(0, end);
    const cs = charset === '' ? 'us-ascii' : charset;
    if (!iconv.encodingExists(cs)) {
      errors.push(`parameter '${name}*' names unknown charset '${charset}'`);
      values.set(name, all.toString('latin1'));
      continue;
    }
    if (!values.has(name) || sectioned.has(name)) values.set(name, iconv.decode(all, cs));
  }
  return { values, errors };
}
