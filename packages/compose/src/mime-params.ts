/** Content-Type / Content-Disposition values with parameters, written into a folding header writer. */

import { encodeWordList, extendedParameter } from '@rawmail/mime';
import type { HeaderWriter } from './header-writer.js';
import { MAX_QUOTED } from './limits.js';

/** RFC 2045 token characters. */
const TOKEN = /^[A-Za-z0-9!#$%&'*+\-.^_`{|}~]+$/;
const QUOTABLE_ASCII = /^[\x20-\x7e]*$/;

/** A parameter value: `plain` ASCII, or a file name (RFC 2231 `name*`, or RFC 2047 in quotes when `legacy`). */
export type Param =
  | { name: string; value: string; kind?: 'plain' }
  | { name: string; value: string; kind: 'filename' }
  | { name: string; value: string; kind: 'legacy-name' };

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
