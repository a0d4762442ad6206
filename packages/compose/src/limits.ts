/** Named limits the composer works to. They appear in docs/compose.md. The wire limits live in @rawmail/mime. */
export { BODY_LINE_COLUMNS, FOLD_COLUMN, MAX_ENCODED_WORD, MAX_LINE_OCTETS } from '@rawmail/mime';

/** Plain (unencoded) header tokens longer than this are written as encoded words instead, so they can fold. */
export const MAX_PLAIN_TOKEN = 900;
/** RFC 2046 §5.1.1: a boundary is 1–70 characters. */
export const MAX_BOUNDARY = 70;
/** Quoted strings (display names, file names, list comments) longer than this are encoded instead, so they fold. */
export const MAX_QUOTED = 60;
/** Header values we cannot encode or fold (message ids, URLs) longer than this are refused. */
export const MAX_STRUCTURED_TOKEN = 900;
