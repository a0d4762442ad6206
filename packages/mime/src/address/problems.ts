/**
 * Building {@link AddressProblem}s: the JavaMail/SES error texts and the message format
 * `Address '<input>': <reason>`.
 */
import { MAX_QUOTED_INPUT } from './limits.js';
import type { AddressProblem, AddressProblemCode } from './types.js';

/** Error texts of JavaMail's `InternetAddress`, which SES returns word for word. */
export const SES_TEXT = {
  illegal: 'Illegal address',
  missingDomain: "Missing final '@domain'",
  missingLocal: 'Missing local name',
  localWhitespace: 'Local address contains control or whitespace',
  domainWhitespace: 'Domain contains control or whitespace',
  domainIllegal: 'Domain contains illegal character',
} as const;

/** Quotes `text` for a message: control characters escaped, long text shortened. */
export function quoteForMessage(text: string): string {
  const cut = text.length > MAX_QUOTED_INPUT;
  const s = cut ? text.slice(0, MAX_QUOTED_INPUT) : text;
  let out = '';
  let seg = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || (c >= 0x80 && c <= 0x9f)) {
      out += s.slice(seg, i);
      if (c === 0x0d) out += '\\r';
      else if (c === 0x0a) out += '\\n';
      else if (c === 0x09) out += '\\t';
      else out += `\\x${c.toString(16).padStart(2, '0')}`;
      seg = i + 1;
    }
  }
  out += s.slice(seg);
  return cut ? `${out}…` : out;
}

/** A problem about `input`; `reason` is a full sentence ending with a period. */
export function makeProblem(
  code: AddressProblemCode,
  input: string,
  reason: string,
  fatal: boolean,
  hint: string,
): AddressProblem {
  return {
    code,
    message: `Address '${quoteForMessage(input)}': ${reason}`,
    hint,
    input,
    reason,
    fatal,
  };
}

/** A problem about `input` from a catalogue entry (see `structure-problems.ts`). */
export function problemFrom(
  text: { code: AddressProblemCode; reason: string; hint: string },
  input: string,
  fatal: boolean,
): AddressProblem {
  return makeProblem(text.code, input, text.reason, fatal, text.hint);
}
