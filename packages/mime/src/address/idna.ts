/** IDNA: the A-label (Punycode) form of a domain, via the WHATWG URL host parser of Node. */
import { domainToASCII } from 'node:url';

/**
 * The IDNA/Punycode A-label form of `domain` (`bücher.example` → `xn--bcher-kva.example`), as
 * computed by `node:url`'s `domainToASCII` (UTS #46 processing, so the result is also lower-cased).
 * Returns `undefined` when no such form exists (empty input, forbidden characters, invalid Punycode).
 * Never throws.
 */
export function toAsciiDomain(domain: string): string | undefined {
  if (typeof domain !== 'string' || domain.length === 0) return undefined;
  try {
    const ascii = domainToASCII(domain);
    return ascii.length > 0 ? ascii : undefined;
  } catch {
    return undefined;
  }
}

const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;

/**
 * The first invisible (Unicode default-ignorable) code point in `text`, or undefined. UTS #46 maps
 * most of them (U+00AD, U+200B, U+2060, U+FEFF, variation selectors) to nothing and rejects the
 * joiners in most contexts, so a domain holding one is not the domain its reader sees.
 */
export function hasInvisibleCharacter(text: string): number | undefined {
  const m = INVISIBLE.exec(text);
  return m === null ? undefined : m[0].codePointAt(0);
}
