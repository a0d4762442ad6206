import { ComposeError } from './errors.js';

// C0 controls except HTAB, DEL and C1 controls. A single character class: linear, no backtracking.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;
const CONTROL_OR_TAB = /[\u0000-\u001f\u007f-\u009f]/;
// In `u` mode a paired surrogate is one code point, so this matches only unpaired surrogates.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Refuses text that will end up in a header if it holds CR, LF or another control character
 * (header injection), or an unpaired UTF-16 surrogate (not encodable as UTF-8).
 */
export function assertHeaderSafe(value: string, path: ReadonlyArray<string | number>, allowTab = true): void {
  const m = (allowTab ? CONTROL : CONTROL_OR_TAB).exec(value);
  if (m) {
    const cp = m[0].charCodeAt(0);
    const what = cp === 13 ? 'a CR' : cp === 10 ? 'an LF' : `the control character U+${hex4(cp)}`;
    throw new ComposeError(
      'compose.header-injection',
      `contains ${what} at offset ${m.index}; header-bound text may not contain line breaks or control characters (header injection). Remove it.`,
      path,
      { offset: m.index, codePoint: cp },
    );
  }
  if (LONE_SURROGATE.test(value)) {
    throw new ComposeError(
      'compose.input-invalid',
      'contains an unpaired UTF-16 surrogate, which cannot be encoded as UTF-8. Fix the string.',
      path,
    );
  }
}

function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}
