/**
 * The one strict RFC 5322 address parser shared by the validator, the composer and the SES sender.
 *
 * CONTRACT (implementation in progress — see types below). Every function is linear in its input:
 * no backtracking regular expressions, bounded nesting for groups and comments.
 */

/** Rule codes an address can fail with; they are the public codes of ../shared/spec/ses-rules.md. */
export type AddressProblemCode =
  | 'address.invalid'
  | 'address.missing-domain'
  | 'address.missing-local'
  | 'address.whitespace-or-control'
  | 'address.local-non-ascii'
  | 'address.domain-non-ascii'
  | 'address.ambiguous';

/** One thing wrong with one address. */
export interface AddressProblem {
  code: AddressProblemCode;
  /** Says what is wrong, quoting the address and the SES/JavaMail error text where known. */
  message: string;
  /** How to fix it (e.g. the Punycode form of a non-ASCII domain). */
  hint?: string;
  /** The offending text as it appeared in the input. */
  input: string;
}

/** A single mailbox. */
export interface Mailbox {
  /** Display name with quoting undone (RFC 2047 words decoded only when `decodeEncodedWords` is set); '' when absent. */
  name: string;
  /** `local@domain` exactly as the envelope needs it (quoted local parts keep their quotes). */
  address: string;
  local: string;
  domain: string;
}

export interface Group {
  group: string;
  members: Mailbox[];
}

export interface ParseOptions {
  /** Decode RFC 2047 encoded words in display names (validator/report use). Default false. */
  decodeEncodedWords?: boolean;
  /** Accept RFC 5322 groups (`name: a@b, c@d;`). Default true. */
  allowGroups?: boolean;
  /**
   * Accept raw UTF-8 in display names (the composer's input, which it then encodes). Default true;
   * byte-level non-ASCII in headers is a separate validator rule (`header.non-ascii`).
   */
  allowUnicodeNames?: boolean;
}

export interface ParsedAddressList {
  /** Structure as written: mailboxes and groups in order. */
  entries: Array<Mailbox | Group>;
  /** Every mailbox, group members flattened in, in order. Includes mailboxes that have problems
   *  but parsed structurally (e.g. a non-ASCII domain), so callers can fix or report them. */
  mailboxes: Mailbox[];
  /** Everything wrong; empty means every address is acceptable to SES. */
  problems: AddressProblem[];
}

// Functions (to be implemented by the address module; signatures are the contract):
// export function parseAddressList(value: string, options?: ParseOptions): ParsedAddressList;
//   A header value (To/Cc/Bcc/Reply-To/From) or composer input string; '' yields no entries.
// export function parseMailbox(value: string, options?: ParseOptions): { mailbox?: Mailbox; problems: AddressProblem[] };
//   Exactly one mailbox (Sender, Return-Path, the `source` option); anything else is a problem.
// export function checkAddrSpec(address: string): AddressProblem[];
//   A bare `local@domain` (envelope destinations): the same checks, no display name allowed.
// export function toAsciiDomain(domain: string): string | undefined;
//   IDNA/Punycode A-label form of a domain (node:url domainToASCII), undefined when impossible.
