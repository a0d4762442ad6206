/**
 * Named limits of the address parser. They bound work and output on hostile input; every one is
 * documented in the package README and tested.
 */

/** Deepest comment nesting accepted: `((((x))))` deeper than this is `address.invalid`. */
export const MAX_COMMENT_DEPTH = 32;

/**
 * Groups cannot contain groups (RFC 5322 §3.4), so group nesting is bounded at 1: a `:` inside a
 * group is `address.invalid`. Kept as a constant so the bound is visible and tested.
 */
export const MAX_GROUP_DEPTH = 1;

/** At most this many problems are listed for one header value; one summary problem follows. */
export const MAX_PROBLEMS = 100;

/** DNS limits (RFC 1035 §2.3.4): a label is at most 63 octets, a name at most 253 without the root dot. */
export const MAX_LABEL_LENGTH = 63;
/** Longest domain name accepted, in octets (RFC 1035 §2.3.4, without the root dot). */
export const MAX_DOMAIN_LENGTH = 253;

/** Longest piece of input quoted inside a problem message (the full text stays in `input`). */
export const MAX_QUOTED_INPUT = 120;
