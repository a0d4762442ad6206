/** Public types of the address parser (re-exported from `./index.ts`). */

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
  /** The rule code (public, from the SES rule catalogue), e.g. `address.missing-domain`. */
  code: AddressProblemCode;
  /**
   * Says what is wrong, quoting the address and the SES/JavaMail error text where known:
   * `Address 'bob@': Missing final '@domain'.` Callers add the header name themselves, e.g. from
   * `input` and `reason`: `Address '${input}' in To: ${reason}`.
   */
  message: string;
  /** How to fix it (e.g. the Punycode form of a non-ASCII domain). */
  hint?: string;
  /** The offending text as it appeared in the input. */
  input: string;
  /** `message` without the `Address '…': ` prefix: the SES/JavaMail text and the explanation. */
  reason: string;
  /**
   * True when the text is not a usable mailbox at all (garbage, ambiguous, whitespace or controls);
   * such text is never returned in `mailboxes`. False for a well-formed mailbox that SES still
   * refuses (non-ASCII local part or domain, illegal domain characters): it is returned so callers
   * can fix or report it.
   */
  fatal: boolean;
}

/** A single mailbox. */
export interface Mailbox {
  /** Display name with quoting undone (RFC 2047 words decoded only when `decodeEncodedWords` is set); '' when absent. */
  name: string;
  /** `local@domain` exactly as written and as the envelope needs it (quoted local parts keep their quotes). */
  address: string;
  /** The local part as written (a quoted local part keeps its quotes and escapes). */
  local: string;
  /** The domain as written (a domain literal keeps its brackets). */
  domain: string;
}

/** An RFC 5322 group (`Team: a@b.example, c@d.example;`). */
export interface Group {
  /** The group's display name. */
  group: string;
  /** The mailboxes listed in the group, in order; empty for `undisclosed-recipients:;`. */
  members: Mailbox[];
}

/** Options of {@link parseAddressList} and {@link parseMailbox}. */
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
  /**
   * Report `address.invalid` for a domain with a single label (`a@localhost`). Default false:
   * RFC 5322 and SES's parser accept such domains, but SES can never deliver to them.
   */
  requireDottedDomain?: boolean;
}

/** Result of {@link parseAddressList}. */
export interface ParsedAddressList {
  /** Structure as written: mailboxes and groups in order. */
  entries: Array<Mailbox | Group>;
  /** Every mailbox, group members flattened in, in order. Includes mailboxes that have problems
   *  but parsed structurally (e.g. a non-ASCII domain), so callers can fix or report them. */
  mailboxes: Mailbox[];
  /** Everything wrong; empty means every address is acceptable to SES. */
  problems: AddressProblem[];
}

/** Result of {@link parseMailbox}. */
export interface ParsedMailbox {
  /** The mailbox, when the text is one structurally valid mailbox (it may still have non-fatal problems). */
  mailbox?: Mailbox;
  /** Everything wrong; empty means the mailbox is acceptable to SES. */
  problems: AddressProblem[];
}
