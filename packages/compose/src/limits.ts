/** Named limits the composer works to. They appear in docs/compose.md. */

/** RFC 5322 §2.1.1: a line, without its CRLF, never exceeds this many octets. */
export const MAX_LINE_OCTETS = 998;
/** RFC 5322 §2.1.1: header lines are folded to this length where a fold point exists. */
export const FOLD_COLUMN = 78;
/** RFC 2047 §2: an encoded word is at most this many characters long. */
export const MAX_ENCODED_WORD = 75;
/** RFC 2045 §6.7/§6.8: quoted-printable and base64 lines are at most 76 characters. */
export const BODY_LINE_COLUMNS = 76;
/** Plain (unencoded) header tokens longer than this are written as encoded words instead, so they can fold. */
export const MAX_PLAIN_TOKEN = 900;
/** RFC 2046 §5.1.1: a boundary is 1–70 characters. */
export const MAX_BOUNDARY = 70;
/** Quoted strings (display names, file names, list comments) longer than this are encoded instead, so they fold. */
export const MAX_QUOTED = 60;
/** Header values we cannot encode or fold (message ids, URLs) longer than this are refused. */
export const MAX_STRUCTURED_TOKEN = 900;
