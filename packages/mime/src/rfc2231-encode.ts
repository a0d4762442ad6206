/**
 * RFC 2231 extended parameters (`filename*=utf-8''…`, with `*0*`, `*1*` … continuations when long).
 * Continuations are split only between code points, and each segment keeps its header line within 78 columns.
 */

/** RFC 2231 attribute-char: token characters except "*", "'" and "%". */
const ATTR_CHAR = new Uint8Array(256);
for (const ch of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&+-.^_`|~')
  ATTR_CHAR[ch.charCodeAt(0)] = 1;
const HEX = '0123456789ABCDEF';

/** Percent-encodes one string's UTF-8 bytes per RFC 2231. */
export function percentEncode(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  let s = '';
  for (const b of bytes) s += ATTR_CHAR[b] ? String.fromCharCode(b) : `%${HEX[b >> 4]}${HEX[b & 15]}`;
  return s;
}

/**
 * Extended parameter(s) for `name` = `value`, as `attr=value` strings (one per continuation segment).
 * `maxSegment` is the longest encoded value part of one segment.
 */
export function extendedParameter(name: string, value: string, maxSegment = 56): string[] {
  const full = `utf-8''${percentEncode(value)}`;
  if (name.length + 2 + full.length <= maxSegment + 8) return [`${name}*=${full}`];
  const segments: string[] = [];
  let cur = "utf-8''";
  for (const cp of value) {
    const enc = percentEncode(cp);
    // The first segment keeps at least one character, even one longer than maxSegment.
    if (cur.length + enc.length > maxSegment && cur !== "utf-8''") {
      segments.push(cur);
      cur = '';
    }
    cur += enc;
  }
  // Never empty: every code point is at least one character encoded, and cur is "utf-8''" for an empty value.
  segments.push(cur);
  return segments.map((s, i) => `${name}*${i}*=${s}`);
}
