/**
 * The catalogue of structural problems the list parser reports: code, reason (quoting the
 * JavaMail/SES text where there is one) and hint. Kept apart from the grammar so the parser reads
 * as grammar and the texts can be reviewed in one place.
 */
import { MAX_COMMENT_DEPTH } from './limits.js';
import { quoteForMessage, SES_TEXT } from './problems.js';
import type { AddressProblemCode } from './types.js';

/** What a problem says, before it is tied to an input. */
export interface ProblemText {
  code: AddressProblemCode;
  reason: string;
  hint: string;
}

const illegal = (what: string): string => `${SES_TEXT.illegal}: ${what}`;
const EXAMPLE = "e.g. 'name@example.com'";

/** Appended when recovery after an `address.invalid` skipped over another `@` or `<`. */
export const AMBIGUOUS_REST =
  'The rest of the entry holds another address or angle bracket; parsers disagree about which address such text means.';

export const STRUCTURE = {
  unterminatedQuote: {
    code: 'address.invalid',
    reason: illegal('unterminated quoted string.'),
    hint: 'Close the quote.',
  },
  unterminatedComment: {
    code: 'address.invalid',
    reason: illegal("unterminated comment ('(' without ')')."),
    hint: "Close the comment with ')' or remove the '('.",
  },
  commentTooDeep: {
    code: 'address.invalid',
    reason: illegal(`comments are nested more than ${MAX_COMMENT_DEPTH} levels deep.`),
    hint: 'Remove the nested parentheses.',
  },
  controlCharacter: {
    code: 'address.whitespace-or-control',
    reason: illegal('the address contains a control character or a line break that is not a fold.'),
    hint: 'Remove control characters and line breaks; a line break in a header value is a header-injection attempt.',
  },
  nestedGroup: {
    code: 'address.invalid',
    reason: illegal('groups cannot be nested.'),
    hint: "End the group with ';' before starting another.",
  },
  groupNotAllowed: {
    code: 'address.invalid',
    reason: illegal("a group ('name: addresses;') is not allowed here."),
    hint: 'Give a single mailbox.',
  },
  strayGreaterThan: {
    code: 'address.invalid',
    reason: illegal("unexpected '>'."),
    hint: "Remove the stray '>'; an address in angle brackets reads <name@example.com>.",
  },
  strayLiteral: {
    code: 'address.invalid',
    reason: illegal("unexpected '['."),
    hint: "A bracketed IP address can only follow the '@': name@[192.0.2.1].",
  },
  straySemicolon: {
    code: 'address.invalid',
    reason: illegal("unexpected ';'."),
    hint: "Separate addresses with ',' (';' only closes a group).",
  },
  missingDomain: {
    code: 'address.missing-domain',
    reason: `${SES_TEXT.missingDomain}.`,
    hint: `Write the full address, ${EXAMPLE}.`,
  },
  missingDomainBeforeComma: {
    code: 'address.missing-domain',
    reason: `${SES_TEXT.missingDomain}.`,
    hint: `Write the full address, ${EXAMPLE}. If this is part of a display name with a comma, quote the name: "Last, First" <name@example.com>.`,
  },
  missingDomainAfterAt: {
    code: 'address.missing-domain',
    reason: `${SES_TEXT.missingDomain}.`,
    hint: `Add the domain after the '@', ${EXAMPLE}.`,
  },
  missingLocal: {
    code: 'address.missing-local',
    reason: `${SES_TEXT.missingLocal}.`,
    hint: "Put the mailbox name before the '@'.",
  },
  commentInAddress: {
    code: 'address.ambiguous',
    reason: 'A comment inside an address: parsers disagree about which part is the address.',
    hint: 'Remove the parenthesised comment from the address.',
  },
  commentAfterAddress: {
    code: 'address.ambiguous',
    reason:
      'A comment right after an address: some parsers take it as the display name or part of the address.',
    hint: 'Remove the comment, or write the name as: Name <name@example.com>.',
  },
  commentInAngle: {
    code: 'address.ambiguous',
    reason: 'A comment inside angle brackets: parsers disagree about which part is the address.',
    hint: 'Remove the comment from between < and >.',
  },
  localControl: {
    code: 'address.whitespace-or-control',
    reason: `${SES_TEXT.localWhitespace}.`,
    hint: 'Remove control characters and line breaks from the local part.',
  },
  localWhitespace: {
    code: 'address.whitespace-or-control',
    reason: `${SES_TEXT.localWhitespace}.`,
    hint: 'Remove the spaces; a display name goes before the address in angle brackets: Name <name@example.com>.',
  },
  domainWhitespace: {
    code: 'address.whitespace-or-control',
    reason: `${SES_TEXT.domainWhitespace}.`,
    hint: 'Remove the spaces from the domain.',
  },
  addressThenAngle: {
    code: 'address.ambiguous',
    reason:
      'An address followed by another address in angle brackets: parsers disagree about which one is meant.',
    hint: 'Quote the display name ("name" <name@example.com>) or separate the addresses with \',\'.',
  },
  twoAngleAddresses: {
    code: 'address.ambiguous',
    reason: 'Two angle addresses in one mailbox: parsers disagree about which one is meant.',
    hint: 'Quote the display name ("name" <name@example.com>) or separate the addresses with \',\'.',
  },
  twoAts: {
    code: 'address.ambiguous',
    reason: "An address with more than one '@': parsers disagree about which domain is meant.",
    hint: 'Check the address for typos.',
  },
  semicolonAfterAddress: {
    code: 'address.invalid',
    reason: illegal("unexpected ';'."),
    hint: "Separate addresses with ','.",
  },
  textAfterAngle: {
    code: 'address.invalid',
    reason: illegal("unexpected text after '>'."),
    hint: "Put the display name before '<'.",
  },
  nameControl: {
    code: 'address.whitespace-or-control',
    reason: illegal('the display name contains a control character.'),
    hint: 'Remove control characters and line breaks from the display name.',
  },
  emptyAngle: {
    code: 'address.invalid',
    reason: illegal("empty address '<>'."),
    hint: 'Put an address between < and >.',
  },
  sourceRoute: {
    code: 'address.ambiguous',
    reason:
      'A source route (<@host:name@domain>): obsolete syntax that parsers resolve to different addresses.',
    hint: 'Remove the route: <name@domain>.',
  },
  missingGreaterThan: {
    code: 'address.invalid',
    reason: illegal("Missing '>'."),
    hint: 'Close the angle bracket: <name@example.com>.',
  },
  textInAngle: {
    code: 'address.invalid',
    reason: illegal('unexpected text inside angle brackets.'),
    hint: 'Only the address goes between < and >: Name <name@example.com>.',
  },
  nameNonAscii: {
    code: 'address.invalid',
    reason: illegal('the display name contains non-ASCII text.'),
    hint: 'Write non-ASCII display names as RFC 2047 encoded words (=?UTF-8?B?...?=).',
  },
  groupNoName: {
    code: 'address.invalid',
    reason: illegal("a group needs a name before ':'."),
    hint: "Name the group: 'Team: a@example.com, b@example.com;'.",
  },
  groupNameNonAscii: {
    code: 'address.invalid',
    reason: illegal('the group name contains non-ASCII text.'),
    hint: 'Write non-ASCII group names as RFC 2047 encoded words (=?UTF-8?B?...?=).',
  },
  groupNameControl: {
    code: 'address.whitespace-or-control',
    reason: illegal('the group name contains a control character.'),
    hint: 'Remove control characters and line breaks from the group name.',
  },
  textAfterGroup: {
    code: 'address.invalid',
    reason: illegal("unexpected text after the group's closing ';'."),
    hint: "Separate entries with ','.",
  },
  notAString: {
    code: 'address.invalid',
    reason: illegal('the value is not a string.'),
    hint: 'Pass the header value or address as a string.',
  },
  emptyMailbox: {
    code: 'address.invalid',
    reason: illegal('Empty address.'),
    hint: 'Give an address such as name@example.com.',
  },
  notOneMailbox: {
    code: 'address.invalid',
    reason: illegal('expected exactly one mailbox, found a list or a group.'),
    hint: 'Give a single address.',
  },
} as const satisfies Record<string, ProblemText>;

/** An envelope address with more around it than the address `bare`. */
export function notBare(bare: string): ProblemText {
  return {
    code: 'address.invalid',
    reason: illegal(
      "expected a bare address 'local@domain' without display name, angle brackets, comments or spaces.",
    ),
    hint: `Use '${bare}'.`,
  };
}

/** A character where it cannot be (`)`, `]`, `\` outside quotes). */
export function strayCharacter(ch: string): ProblemText {
  const c = quoteForMessage(ch);
  return {
    code: 'address.invalid',
    reason: illegal(`unexpected '${c}'.`),
    hint: `Remove the '${c}'; quote the display name if it needs special characters: "Name (x)" <name@example.com>.`,
  };
}

/** A character that cannot follow a complete addr-spec. */
export function textAfterAddress(ch: string): ProblemText {
  return {
    code: 'address.invalid',
    reason: illegal(`unexpected '${quoteForMessage(ch)}' after the address.`),
    hint: "Separate addresses with ','.",
  };
}

/** A character that cannot stand where the local part inside `<…>` should be. */
export function textInAngle(ch: string): ProblemText {
  return {
    code: 'address.invalid',
    reason: illegal(`unexpected '${quoteForMessage(ch)}' inside angle brackets.`),
    hint: 'Only the address goes between < and >: Name <name@example.com>.',
  };
}

/** A group that runs to the end of the value. */
export function groupUnclosed(name: string): ProblemText {
  return {
    code: 'address.invalid',
    reason: illegal(`the group '${quoteForMessage(name)}' is missing its closing ';'.`),
    hint: "End the group with ';'.",
  };
}

/** The summary after MAX_PROBLEMS. */
export function tooManyProblems(dropped: number): ProblemText {
  return {
    code: 'address.invalid',
    reason: illegal(`${dropped} more problems in this header were not listed.`),
    hint: 'Fix the problems listed above; this header holds too many bad addresses to list them all.',
  };
}
