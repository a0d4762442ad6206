/** Content-Type / Content-Disposition values with parameters, written into a folding header writer. */

import type { HeaderWriter } from './header-writer.js';
import { MAX_QUOTED } from './limits.js';
import { encodeWordList } from './rfc2047-encode.js';
import { extendedParameter } from './rfc2231-encode.js';

/** RFC 2045 token characters. */
const TOKEN = /^[A-Za-z0-9!#$%&'*+\-.^_`{|}~]+$/;
const QUOTABLE_ASCII = /^[\x20-\x7e]*$/;

/** A parameter value: `plain` ASCII, or a file name (RFC 2231 `name*`, or RFC 2047 in quotes when `legacy`). */
export type Param =
  | {
      /** Parameter name as written (`charset`, `boundary`…). */
      name: string;
      /** Value; written as a token, or quoted when it needs quotes. */
      value: string;
      /** Plain ASCII (the default). */
      kind?: 'plain';
    }
  | {
      /** Parameter name (`filename`). */
      name: string;
      /** The file name, any Unicode text. */
      value: string;
      /** Written as RFC 2231 `filename*` (with continuations) unless it is short printable ASCII. */
      kind: 'filename';
    }
  | {
      /** Parameter name (`name` in Content-Type). */
      name: string;
      /** The file name, any Unicode text. */
      value: string;
      /** Written as RFC 2047 words in a quoted string (what older readers decode) unless it is short printable ASCII. */
      kind: 'legacy-name';
    };

function quote(v: string): string {
  return `"${v.replace(/[\\"]/g, '\\$&')}"`;
}

/** Writes `value; p1=v1; p2=v2` into `w`. `value` is a MIME type or disposition type (ASCII token). */
export function writeValueWithParams(w: HeaderWriter, value: string, params: readonly Param[]): void {
  w.space(value);
  for (const p of params) {
    const simple = QUOTABLE_ASCII.test(p.value) && p.value.length <= MAX_QUOTED && !p.value.includes('=?');
    if (p.kind === 'filename' && !simple) {
      for (const seg of extendedParameter(p.name, p.value)) {
        w.glue(';');
        w.space(seg);
      }
      continue;
    }
    if (p.kind === 'legacy-name' && !simple) {
      // RFC 2047 words inside a quoted string: not standard, but what older clients read (RFC 2231 is beside it).
      const words = encodeWordList(p.value, Math.max(10, w.remaining() - p.name.length - 4));
      w.glue(';');
      words.forEach((word, i) => {
        const first = i === 0 ? `${p.name}="` : '';
        const last = i === words.length - 1 ? '"' : '';
        w.space(first + word + last);
      });
      continue;
    }
    w.glue(';');
    w.space(
      `${p.name}=${p.kind === undefined || p.kind === 'plain' ? (TOKEN.test(p.value) ? p.value : quote(p.value)) : quote(p.value)}`,
    );
  }
}
