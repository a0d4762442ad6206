/** Character classes of RFC 5322 / RFC 6532 as UTF-16 code unit tests. No regular expressions. */

export const TAB = 0x09;
export const LF = 0x0a;
export const CR = 0x0d;
export const SPACE = 0x20;
export const DQUOTE = 0x22;
export const LPAREN = 0x28;
export const RPAREN = 0x29;
export const BACKSLASH = 0x5c;
export const LBRACKET = 0x5b;
export const RBRACKET = 0x5d;
export const DOT = 0x2e;
export const AT = 0x40;
export const HYPHEN = 0x2d;
export const UNDERSCORE = 0x5f;

/** SP or HTAB. */
export function isWsp(c: number): boolean {
  return c === SPACE || c === TAB;
}

/**
 * C0 controls other than HTAB, and DEL: the header-injection characters. U+0080–U+009F count as
 * non-ASCII text, not controls, so a header decoded as latin1 (where UTF-8 continuation bytes
 * become U+0080–U+00BF) is judged the same as one decoded as UTF-8: non-ASCII, never "control".
 */
export function isControl(c: number): boolean {
  return (c < 0x20 && c !== TAB) || c === 0x7f;
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

export function isAsciiDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** 1 for the ASCII atext characters (RFC 5322 §3.2.3), by char code. */
const ATEXT_ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++)
  if (isAsciiLetter(c) || isAsciiDigit(c) || "!#$%&'*+-/=?^_`{|}~".includes(String.fromCharCode(c)))
    ATEXT_ASCII[c] = 1;

/** RFC 5322 atext, extended by RFC 6532 with all non-ASCII text. */
export function isAtext(c: number): boolean {
  // A table lookup: the atom loop of the tokenizer calls this for every character of every address.
  return c < 0x80 ? ATEXT_ASCII[c] === 1 : c >= 0x80;
}

/** The single-character specials the parser acts on. */
export function isStructuralSpecial(c: number): boolean {
  return (
    c === 0x3c || // <
    c === 0x3e || // >
    c === AT ||
    c === 0x2c || // ,
    c === 0x3a || // :
    c === 0x3b || // ;
    c === DOT
  );
}
