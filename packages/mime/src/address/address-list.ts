/**
 * The public parsing functions: `parseAddressList` (a header value), `parseMailbox` (exactly one
 * mailbox) and the counted variant tests use to prove linear work. The grammar itself lives in
 * `list-parser.ts`.
 */
import { AddressListParser, type ResolvedOptions } from './list-parser.js';
import { problemFrom } from './problems.js';
import { STRUCTURE } from './structure-problems.js';
import type { Work } from './tokenizer.js';
import type { ParsedAddressList, ParsedMailbox, ParseOptions } from './types.js';

function resolve(options: ParseOptions | undefined): ResolvedOptions {
  const o = options ?? {};
  return {
    decodeEncodedWords: o.decodeEncodedWords === true,
    allowGroups: o.allowGroups !== false,
    allowUnicodeNames: o.allowUnicodeNames !== false,
    requireDottedDomain: o.requireDottedDomain === true,
  };
}

/**
 * Parses a header value or composer input and counts the work done (characters read, tokens and
 * parser steps). Internal: tests use the counter to prove linear time.
 */
export function parseAddressListCounted(
  value: string,
  options: ParseOptions | undefined,
  work: Work,
): ParsedAddressList & { topEntries: number; topCommas: number; groups: number } {
  if (typeof value !== 'string') {
    return {
      entries: [],
      mailboxes: [],
      problems: [problemFrom(STRUCTURE.notAString, String(value), true)],
      topEntries: 0,
      topCommas: 0,
      groups: 0,
    };
  }
  const parser = new AddressListParser(value, resolve(options), work);
  parser.parse();
  return {
    entries: parser.entries,
    mailboxes: parser.mailboxes,
    problems: parser.problems,
    topEntries: parser.topEntries,
    topCommas: parser.topCommas,
    groups: parser.groups,
  };
}

/**
 * Parses an address list: a To/Cc/Bcc/Reply-To/From header value (folds allowed) or a composer
 * input string. Never throws; `''` yields no entries and no problems.
 *
 * Comma-separated mailboxes (`a@b.example`, `Name <a@b.example>`, `"Last, First" <a@b.example>`)
 * and groups (`Team: a@b.example, c@d.example;`) are read in one pass in linear time. Empty list
 * entries (`a@b.example,,c@d.example`) are tolerated. Every problem found is listed in `problems`;
 * mailboxes whose only problems are non-fatal (see `AddressProblem.fatal`) are still listed.
 *
 * @example
 * const { mailboxes, problems } = parseAddressList('Ann <ann@example.com>, bob@example.org');
 */
export function parseAddressList(value: string, options?: ParseOptions): ParsedAddressList {
  const r = parseAddressListCounted(value, options, { steps: 0 });
  return { entries: r.entries, mailboxes: r.mailboxes, problems: r.problems };
}

/**
 * Parses exactly one mailbox (Sender, Return-Path, the `source` option): `a@b.example` or
 * `Name <a@b.example>`. A list, a group or an empty value is an `address.invalid` problem.
 * `mailbox` is set when the text is one structurally valid mailbox, even if it has non-fatal
 * problems (e.g. a non-ASCII domain). Never throws.
 */
export function parseMailbox(value: string, options?: ParseOptions): ParsedMailbox {
  const r = parseAddressListCounted(value, { ...options, allowGroups: true }, { steps: 0 });
  const problems = r.problems;
  const input = typeof value === 'string' ? value.trim() : String(value);
  if (r.topEntries === 0 && problems.length === 0) {
    problems.push(problemFrom(STRUCTURE.emptyMailbox, input, true));
    return { problems };
  }
  if (r.topEntries > 1 || r.topCommas > 0 || r.groups > 0) {
    problems.push(problemFrom(STRUCTURE.notOneMailbox, input, true));
    return { problems };
  }
  const mailbox = r.mailboxes[0];
  return mailbox === undefined ? { problems } : { mailbox, problems };
}
