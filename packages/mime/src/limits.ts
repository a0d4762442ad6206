/** Wire-format limits every layer works to (RFC 5322, RFC 2045, RFC 2047). They appear in the docs. */

/** RFC 5322 §2.1.1: a line, without its CRLF, never exceeds this many octets. */
export const MAX_LINE_OCTETS = 998;
/** RFC 5322 §2.1.1: header lines are folded to this length where a fold point exists. */
export const FOLD_COLUMN = 78;
/** RFC 2047 §2: an encoded word is at most this many characters long. */
export const MAX_ENCODED_WORD = 75;
/** RFC 2045 §6.7/§6.8: quoted-printable and base64 lines are at most 76 characters. */
export const BODY_LINE_COLUMNS = 76;
