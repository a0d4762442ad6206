/**
 * The one strict RFC 5322 address parser shared by the validator, the composer and the SES sender
 * (`@rawmail/mime/address`).
 *
 * Every function is linear in its input (a hand-written single-pass lexer and a one-token-lookahead
 * parser: no backtracking regular expressions), never throws on any string, and bounds nesting:
 * comments deeper than {@link MAX_COMMENT_DEPTH} and groups inside groups are `address.invalid`.
 *
 * Decisions (see the README of the package):
 * - Domains: ASCII letters, digits and hyphens in non-empty labels of at most 63 characters, at
 *   most 253 characters in all (counted on the IDNA A-label form of a non-ASCII domain, see
 *   {@link toCheckedAsciiDomain}); no leading, trailing or double dot. An underscore is refused
 *   (`Domain contains illegal character`, as SES/JavaMail answer). A label may not start or end
 *   with a hyphen. A single-label domain (`a@localhost`) is accepted unless `requireDottedDomain`
 *   is set. Domain literals must hold an IPv4 address or `IPv6:` and an IPv6 address.
 * - Local parts: a dot-atom (no leading, trailing or double dot) or one quoted string; mixing the
 *   two is refused. Quoted local parts may hold spaces but not `@ < > ,` (ambiguous), control
 *   characters or line breaks.
 * - Whitespace or comments inside an addr-spec are refused (they are obsolete syntax that parsers
 *   resolve differently); comments elsewhere are ignored and never become the display name.
 */

export { checkAddrSpec, toCheckedAsciiDomain } from './addr-spec.js';
export type { MappedDomain } from './addr-spec-checks.js';
export { parseAddressList, parseMailbox } from './address-list.js';
export { toAsciiDomain } from './idna.js';
export {
  MAX_COMMENT_DEPTH,
  MAX_DOMAIN_LENGTH,
  MAX_GROUP_DEPTH,
  MAX_LABEL_LENGTH,
  MAX_PROBLEMS,
} from './limits.js';
export { canonicalLocalPart } from './local-part.js';
export type {
  AddressProblem,
  AddressProblemCode,
  Group,
  Mailbox,
  ParsedAddressList,
  ParsedMailbox,
  ParseOptions,
} from './types.js';
