import { Buffer } from 'node:buffer';
import iconv from 'iconv-lite';
import type { RawParam } from './params.js';

/** Most RFC 2231 continuation sections accepted per parameter (bounds work on hostile input). */
export const MAX_PARAM_SECTIONS = 1000;

/** Parameters after RFC 2231 decoding: continuations joined, `name*` values percent- and charset-decoded. */
export interface DecodedParams {
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

function percentDecode(s: string): Buffer | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25) {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return undefined;
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(c & 0xff);
  }
  return Buffer.from(bytes);
}

/** Joins RFC 2231 continuations (`name*0*=`, `name*1=`) and decodes `charset'lang'%XX` values. */
export function decodeParams(params: readonly RawParam[]): DecodedParams {
  const values = new Map<string, string>();
  const errors: string[] = [];
  // Made only when a parameter name has a `*` (rare): most values have none.
  let sectioned: Map<string, Section[]> | undefined;
  for (const p of params) {
    const m = p.name.indexOf('*') === -1 ? null : /^([^*]+)\*(?:(\d{1,4})(\*)?|)$/.exec(p.name);
    if (!m) {
      if (!values.has(p.name)) values.set(p.name, p.value);
      continue;
    }
    const base = m[1] as string;
    const index = m[2] === undefined ? 0 : Number(m[2]);
    const extended = m[2] === undefined ? true : m[3] === '*';
    sectioned ??= new Map<string, Section[]>();
    let list = sectioned.get(base);
    if (!list) {
      list = [];
      sectioned.set(base, list);
    }
    if (list.length < MAX_PARAM_SECTIONS) list.push({ index, extended, value: p.value });
  }
  if (sectioned === undefined) return { values, errors };
  for (const [name, sections] of sectioned) {
    sections.sort((a, b) => a.index - b.index);
    let charset = '';
    const parts: Buffer[] = [];
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
      const bytes = s.extended ? percentDecode(text) : Buffer.from(text, 'latin1');
      if (!bytes) {
        errors.push(`parameter '${name}' has a malformed %-escape`);
        ok = false;
        break;
      }
      parts.push(bytes);
    }
    if (!ok) continue;
    const all = Buffer.concat(parts);
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
