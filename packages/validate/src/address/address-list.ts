/**
 * The address-list parser (RFC 5322 §3.4): a recursive-descent parser over the pull lexer, with
 * one token of lookahead and no backtracking. Each token is consumed once; after an error the
 * parser skips to the next `,` (or the `;` closing the current group), so the work is linear in
 * the input and every bad entry yields exactly one structural problem.
 */
import { checkDomain, checkLocalPart } from './addr-spec-checks.js';
import { decodeDisplayName, Phrase } from './display-name.js';
import { MAX_GROUP_DEPTH, MAX_PROBLEMS } from './limits.js';
import { makeProblem, quoteForMessage, SES_TEXT } from './problems.js';
import { type Token, Tokenizer, type Work } from './tokenizer.js';
import type {
  AddressProblem,
  AddressProblemCode,
  Group,
  Mailbox,
  ParsedAddressList,
  ParsedMailbox,
  ParseOptions,
} from './types.js';

interface ResolvedOptions {
  decodeEncodedWords: boolean;
  allowGroups: boolean;
  allowUnicodeNames: boolean;
  requireDottedDomain: boolean;
}

function resolve(options: ParseOptions | undefined): ResolvedOptions {
  const o = options ?? {};
  return {
    decodeEncodedWords: o.decodeEncodedWords === true,
    allowGroups: o.allowGroups !== false,
    allowUnicodeNames: o.allowUnicodeNames !== false,
    requireDottedDomain: o.requireDottedDomain === true,
  };
}

/** A domain being read after the `@`. */
interface DomainSpan {
  start: number;
  end: number;
  count: number;
  wsInside: boolean;
  commentInside: boolean;
  /** Whitespace / a comment between the `@` and the first domain token. */
  wsBefore: boolean;
  commentBefore: boolean;
}

/** What recovery skipped over. */
interface Skipped {
  at: boolean;
  angle: boolean;
}

const isSpecial = (t: Token, ch: string): boolean => t.kind === 'special' && t.ch === ch;

/** How many groups enclose the current entry (0 or 1: groups never nest). */
const groupDepth = (group: Group | undefined): number => (group === undefined ? 0 : 1);

class AddressListParser {
  readonly tz: Tokenizer;
  readonly entries: Array<Mailbox | Group> = [];
  readonly mailboxes: Mailbox[] = [];
  readonly problems: AddressProblem[] = [];
  /** Problems beyond MAX_PROBLEMS, counted but not listed. */
  dropped = 0;
  /** Entries attempted at the top level, and top-level commas seen. */
  topEntries = 0;
  topCommas = 0;
  groups = 0;

  constructor(
    readonly text: string,
    readonly options: ResolvedOptions,
    readonly work: Work,
  ) {
    this.tz = new Tokenizer(text, work);
  }

  report(p: AddressProblem): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(p);
    else this.dropped++;
  }

  reportAll(ps: AddressProblem[]): void {
    for (const p of ps) this.report(p);
  }

  /** The whole list. */
  parse(): void {
    const tz = this.tz;
    for (;;) {
      this.work.steps++;
      const t = tz.peek();
      if (t.kind === 'eof') break;
      if (isSpecial(t, ',')) {
        tz.next();
        this.topCommas++;
        continue;
      }
      const before = tz.consumed;
      this.topEntries++;
      this.entry(undefined);
      // An entry returns at a terminator it did not consume (a stray `;` at the top level is
      // reported and skipped by entry() itself).
      this.ensureProgress(before);
    }
    if (this.dropped > 0) {
      this.problems.push(
        makeProblem(
          'address.invalid',
          this.text,
          `${SES_TEXT.illegal}: ${this.dropped} more problems in this header were not listed.`,
          true,
          'Fix the problems listed above; this header holds too many bad addresses to list them all.',
        ),
      );
    }
  }

  /**
   * Termination guard: every entry consumes at least one token. All paths of entry() do; this
   * makes "never hangs" independent of that reasoning.
   */
  private ensureProgress(before: number): void {
    if (this.tz.consumed === before) this.tz.next();
  }

  /** True when `t` ends an entry in the current context. */
  private isTerminator(t: Token, group: Group | undefined): boolean {
    return t.kind === 'eof' || isSpecial(t, ',') || (group !== undefined && isSpecial(t, ';'));
  }

  /** Skips to the end of the current entry (not consuming the terminator). */
  private recover(group: Group | undefined): Skipped {
    const skipped: Skipped = { at: false, angle: false };
    const tz = this.tz;
    for (;;) {
      this.work.steps++;
      const t = tz.peek();
      if (this.isTerminator(t, group)) return skipped;
      if (isSpecial(t, '@')) skipped.at = true;
      else if (isSpecial(t, '<')) skipped.angle = true;
      tz.next();
    }
  }

  /** Reports a structural problem for the entry starting at `start`, after skipping the rest of it. */
  private fail(
    start: number,
    group: Group | undefined,
    code: AddressProblemCode,
    reason: string,
    hint: string,
    promote = false,
  ): undefined {
    const skipped = this.recover(group);
    let c = code;
    let r = reason;
    if (promote && code === 'address.invalid' && (skipped.at || skipped.angle)) {
      c = 'address.ambiguous';
      r = `${reason} The rest of the entry holds another address or angle bracket; parsers disagree about which address such text means.`;
    }
    const end = Math.max(this.tz.lastEnd, start);
    this.report(makeProblem(c, this.text.slice(start, end).trim(), r, true, hint));
  }

  private failBad(t: Token, start: number, group: Group | undefined): undefined {
    switch (t.reason) {
      case 'unterminated-comment':
        return this.fail(
          start,
          group,
          'address.invalid',
          `${SES_TEXT.illegal}: unterminated comment ('(' without ')').`,
          "Close the comment with ')' or remove the '('.",
        );
      case 'comment-too-deep':
        return this.fail(
          start,
          group,
          'address.invalid',
          `${SES_TEXT.illegal}: comments are nested more than 32 levels deep.`,
          'Remove the nested parentheses.',
        );
      case 'comment-control':
      case 'control':
        return this.fail(
          start,
          group,
          'address.whitespace-or-control',
          `${SES_TEXT.illegal}: the address contains a control character or a line break that is not a fold.`,
          'Remove control characters and line breaks; a line break in a header value is a header-injection attempt.',
        );
      default:
        return this.fail(
          start,
          group,
          'address.invalid',
          `${SES_TEXT.illegal}: unexpected '${t.ch}'.`,
          `Remove the '${t.ch}'; quote the display name if it needs special characters: "Name (x)" <name@example.com>.`,
        );
    }
  }

  /** One mailbox or group, in a list or inside a group. */
  private entry(group: Group | undefined): undefined {
    const tz = this.tz;
    const phrase = new Phrase();
    for (;;) {
      this.work.steps++;
      const t = tz.peek();
      if (t.kind === 'atom' || t.kind === 'quoted' || isSpecial(t, '.')) {
        tz.next();
        phrase.add(t, this.text);
        continue;
      }
      break;
    }
    const t = tz.peek();
    const start = phrase.count > 0 ? phrase.start : t.start;
    if (phrase.unterminated) {
      return this.fail(
        start,
        group,
        'address.invalid',
        `${SES_TEXT.illegal}: unterminated quoted string.`,
        'Close the quote.',
      );
    }
    if (t.kind === 'special') {
      switch (t.ch) {
        case '<':
          tz.next();
          return this.nameAddr(phrase, start, group);
        case '@':
          tz.next();
          return this.bareAddrSpec(phrase, t, start, group);
        case ':':
          if (groupDepth(group) >= MAX_GROUP_DEPTH) {
            return this.fail(
              start,
              group,
              'address.invalid',
              `${SES_TEXT.illegal}: groups cannot be nested.`,
              "End the group with ';' before starting another.",
            );
          }
          if (!this.options.allowGroups) {
            return this.fail(
              start,
              group,
              'address.invalid',
              `${SES_TEXT.illegal}: a group ('name: addresses;') is not allowed here.`,
              'Give a single mailbox.',
            );
          }
          tz.next();
          return this.group(phrase, start);
        case ',':
        case ';':
          if (phrase.count > 0) return this.missingDomain(start, group);
          // A `;` with nothing before it, outside a group.
          tz.next();
          return this.fail(
            t.start,
            group,
            'address.invalid',
            `${SES_TEXT.illegal}: unexpected ';'.`,
            "Separate addresses with ',' (';' only closes a group).",
          );
        default:
          // `>`
          tz.next();
          return this.fail(
            start,
            group,
            'address.invalid',
            `${SES_TEXT.illegal}: unexpected '${t.ch}'.`,
            "Remove the stray '>'; an address in angle brackets reads <name@example.com>.",
          );
      }
    }
    if (t.kind === 'eof') {
      if (phrase.count > 0) this.missingDomain(start, group);
      return;
    }
    if (t.kind === 'bad') {
      tz.next();
      return this.failBad(t, start, group);
    }
    // A domain literal where no domain can be.
    tz.next();
    return this.fail(
      start,
      group,
      'address.invalid',
      `${SES_TEXT.illegal}: unexpected '['.`,
      "A bracketed IP address can only follow the '@': name@[192.0.2.1].",
    );
  }

  private missingDomain(start: number, group: Group | undefined): undefined {
    const beforeComma = isSpecial(this.tz.peek(), ',');
    this.fail(
      start,
      group,
      'address.missing-domain',
      `${SES_TEXT.missingDomain}.`,
      beforeComma
        ? 'Write the full address, e.g. \'name@example.com\'. If this is part of a display name with a comma, quote the name: "Last, First" <name@example.com>.'
        : "Write the full address, e.g. 'name@example.com'.",
    );
  }

  /** Reads domain tokens after an `@`. */
  private domain(): DomainSpan {
    const tz = this.tz;
    const d: DomainSpan = {
      start: -1,
      end: -1,
      count: 0,
      wsInside: false,
      commentInside: false,
      wsBefore: false,
      commentBefore: false,
    };
    for (;;) {
      this.work.steps++;
      const t = tz.peek();
      if (!(t.kind === 'atom' || t.kind === 'literal' || isSpecial(t, '.'))) return d;
      tz.next();
      if (d.count === 0) {
        d.start = t.start;
        d.wsBefore = t.ws;
        d.commentBefore = t.comment;
      } else {
        if (t.ws) d.wsInside = true;
        if (t.comment) d.commentInside = true;
      }
      d.end = t.end;
      d.count++;
    }
  }

  /**
   * Structural checks of `local@domain` read as tokens; returns true when the addr-spec is
   * contiguous text and may be content-checked.
   */
  private addrSpecShape(
    local: Phrase,
    at: Token,
    d: DomainSpan,
    start: number,
    group: Group | undefined,
  ): boolean {
    if (local.commentInside || at.comment || d.commentBefore || d.commentInside) {
      this.fail(
        start,
        group,
        'address.ambiguous',
        'A comment inside an address: parsers disagree about which part is the address.',
        'Remove the parenthesised comment from the address.',
      );
      return false;
    }
    if (local.count === 0) {
      this.fail(
        start,
        group,
        'address.missing-local',
        `${SES_TEXT.missingLocal}.`,
        "Put the mailbox name before the '@'.",
      );
      return false;
    }
    if (local.control) {
      this.fail(
        start,
        group,
        'address.whitespace-or-control',
        `${SES_TEXT.localWhitespace}.`,
        'Remove control characters and line breaks from the local part.',
      );
      return false;
    }
    if (local.wsInside || at.ws) {
      this.fail(
        start,
        group,
        'address.whitespace-or-control',
        `${SES_TEXT.localWhitespace}.`,
        'Remove the spaces; a display name goes before the address in angle brackets: Name <name@example.com>.',
      );
      return false;
    }
    if (d.count === 0) {
      this.fail(
        start,
        group,
        'address.missing-domain',
        `${SES_TEXT.missingDomain}.`,
        "Add the domain after the '@', e.g. 'name@example.com'.",
      );
      return false;
    }
    if (d.wsBefore || d.wsInside) {
      this.fail(
        start,
        group,
        'address.whitespace-or-control',
        `${SES_TEXT.domainWhitespace}.`,
        'Remove the spaces from the domain.',
      );
      return false;
    }
    return true;
  }

  /** Content checks; returns the mailbox unless a problem is fatal. */
  private finishMailbox(name: string, local: Phrase, d: DomainSpan, group: Group | undefined): void {
    const localText = this.text.slice(local.start, local.end);
    const domainText = this.text.slice(d.start, d.end);
    const address = `${localText}@${domainText}`;
    const problems = [
      ...checkLocalPart(localText, address, this.work),
      ...checkDomain(domainText, address, this.options, this.work),
    ];
    this.reportAll(problems);
    if (problems.some((p) => p.fatal)) return;
    const mailbox: Mailbox = { name, address, local: localText, domain: domainText };
    if (group !== undefined) group.members.push(mailbox);
    else this.entries.push(mailbox);
    this.mailboxes.push(mailbox);
  }

  /** After a complete mailbox: only a terminator may follow. Returns false (having reported) otherwise. */
  private expectEnd(start: number, group: Group | undefined, afterAddrSpec: boolean): boolean {
    const t = this.tz.peek();
    if (this.isTerminator(t, group)) {
      if (afterAddrSpec && t.comment) {
        this.report(
          makeProblem(
            'address.ambiguous',
            this.text.slice(start, t.start).trim(),
            'A comment right after an address: some parsers take it as the display name or part of the address.',
            true,
            'Remove the comment, or write the name as: Name <name@example.com>.',
          ),
        );
        return false;
      }
      return true;
    }
    if (isSpecial(t, '<')) {
      this.fail(
        start,
        group,
        'address.ambiguous',
        afterAddrSpec
          ? 'An address followed by another address in angle brackets: parsers disagree about which one is meant.'
          : 'Two angle addresses in one mailbox: parsers disagree about which one is meant.',
        'Quote the display name ("name" <name@example.com>) or separate the addresses with \',\'.',
      );
      return false;
    }
    if (isSpecial(t, '@')) {
      this.fail(
        start,
        group,
        'address.ambiguous',
        "An address with more than one '@': parsers disagree about which domain is meant.",
        'Check the address for typos.',
      );
      return false;
    }
    if (isSpecial(t, ';') && group === undefined) {
      this.fail(
        start,
        group,
        'address.invalid',
        `${SES_TEXT.illegal}: unexpected ';'.`,
        "Separate addresses with ','.",
        true,
      );
      return false;
    }
    if (t.kind === 'bad') {
      this.tz.next();
      this.failBad(t, start, group);
      return false;
    }
    this.fail(
      start,
      group,
      'address.invalid',
      afterAddrSpec
        ? `${SES_TEXT.illegal}: unexpected '${quoteForMessage(this.text.slice(t.start, t.start + 1))}' after the address.`
        : `${SES_TEXT.illegal}: unexpected text after '>'.`,
      afterAddrSpec ? "Separate addresses with ','." : "Put the display name before '<'.",
      true,
    );
    return false;
  }

  /** `local@domain` without angle brackets; the local part was read as a phrase. */
  private bareAddrSpec(local: Phrase, at: Token, start: number, group: Group | undefined): undefined {
    const d = this.domain();
    if (!this.addrSpecShape(local, at, d, start, group)) return;
    if (!this.expectEnd(start, group, true)) return;
    this.finishMailbox('', local, d, group);
  }

  /** `[phrase] < addr-spec >`; the `<` was consumed. */
  private nameAddr(phrase: Phrase, start: number, group: Group | undefined): undefined {
    const tz = this.tz;
    let name = phrase.text;
    if (phrase.control) {
      return this.fail(
        start,
        group,
        'address.whitespace-or-control',
        `${SES_TEXT.illegal}: the display name contains a control character.`,
        'Remove control characters and line breaks from the display name.',
      );
    }
    let first = tz.peek();
    if (first.comment) {
      return this.fail(
        start,
        group,
        'address.ambiguous',
        'A comment inside angle brackets: parsers disagree about which part is the address.',
        'Remove the comment from between < and >.',
      );
    }
    if (isSpecial(first, '>')) {
      tz.next();
      return this.fail(
        start,
        group,
        'address.invalid',
        `${SES_TEXT.illegal}: empty address '<>'.`,
        'Put an address between < and >.',
      );
    }
    if (isSpecial(first, '@')) {
      // A source route `<@host:local@domain>` if a ':' follows, else a missing local part.
      let route = false;
      for (;;) {
        this.work.steps++;
        const t = tz.peek();
        if (isSpecial(t, ':')) route = true;
        if (route || isSpecial(t, '>') || t.kind === 'eof') break;
        tz.next();
      }
      if (route) {
        return this.fail(
          start,
          group,
          'address.ambiguous',
          'A source route (<@host:name@domain>): obsolete syntax that parsers resolve to different addresses.',
          'Remove the route: <name@domain>.',
        );
      }
      return this.fail(
        start,
        group,
        'address.missing-local',
        `${SES_TEXT.missingLocal}.`,
        "Put the mailbox name before the '@'.",
      );
    }
    const local = new Phrase();
    for (;;) {
      this.work.steps++;
      first = tz.peek();
      if (first.kind === 'atom' || first.kind === 'quoted' || isSpecial(first, '.')) {
        tz.next();
        local.add(first, this.text);
        continue;
      }
      break;
    }
    if (local.unterminated) {
      return this.fail(
        start,
        group,
        'address.invalid',
        `${SES_TEXT.illegal}: unterminated quoted string.`,
        'Close the quote.',
      );
    }
    const at = tz.peek();
    if (!isSpecial(at, '@')) {
      if (isSpecial(at, '>') && local.count > 0) {
        tz.next();
        return this.fail(
          start,
          group,
          'address.missing-domain',
          `${SES_TEXT.missingDomain}.`,
          "Write the full address, e.g. 'name@example.com'.",
        );
      }
      if (at.kind === 'bad') {
        tz.next();
        return this.failBad(at, start, group);
      }
      if (this.isTerminator(at, group) || isSpecial(at, ';')) {
        return this.fail(
          start,
          group,
          'address.invalid',
          `${SES_TEXT.illegal}: Missing '>'.`,
          'Close the angle bracket: <name@example.com>.',
        );
      }
      tz.next();
      return this.fail(
        start,
        group,
        'address.invalid',
        `${SES_TEXT.illegal}: unexpected '${quoteForMessage(this.text.slice(at.start, at.start + 1))}' inside angle brackets.`,
        'Only the address goes between < and >: Name <name@example.com>.',
      );
    }
    tz.next();
    const d = this.domain();
    if (!this.addrSpecShape(local, at, d, start, group)) return;
    const close = tz.peek();
    if (close.comment) {
      return this.fail(
        start,
        group,
        'address.ambiguous',
        'A comment right after an address: some parsers take it as part of the address.',
        'Remove the comment from between < and >.',
      );
    }
    if (!isSpecial(close, '>')) {
      if (isSpecial(close, '@')) {
        return this.fail(
          start,
          group,
          'address.ambiguous',
          "An address with more than one '@': parsers disagree about which domain is meant.",
          'Check the address for typos.',
        );
      }
      if (close.kind === 'bad') {
        tz.next();
        return this.failBad(close, start, group);
      }
      if (this.isTerminator(close, group) || isSpecial(close, ';')) {
        return this.fail(
          start,
          group,
          'address.invalid',
          `${SES_TEXT.illegal}: Missing '>'.`,
          'Close the angle bracket: <name@example.com>.',
        );
      }
      return this.fail(
        start,
        group,
        'address.invalid',
        `${SES_TEXT.illegal}: unexpected text inside angle brackets.`,
        'Only the address goes between < and >: Name <name@example.com>.',
      );
    }
    tz.next();
    if (!this.expectEnd(start, group, false)) return;
    if (phrase.nonAscii && !this.options.allowUnicodeNames) {
      this.report(
        makeProblem(
          'address.invalid',
          this.text.slice(start, this.tz.lastEnd),
          `${SES_TEXT.illegal}: the display name contains non-ASCII text.`,
          false,
          'Write non-ASCII display names as RFC 2047 encoded words (=?UTF-8?B?...?=).',
        ),
      );
    }
    if (this.options.decodeEncodedWords) name = decodeDisplayName(name);
    this.finishMailbox(name, local, d, group);
  }

  /** `phrase : [mailbox-list] ;`; the `:` was consumed. */
  private group(phrase: Phrase, start: number): undefined {
    const tz = this.tz;
    this.groups++;
    let name = phrase.text;
    if (this.options.decodeEncodedWords) name = decodeDisplayName(name);
    const g: Group = { group: name, members: [] };
    this.entries.push(g);
    if (phrase.count === 0) {
      this.report(
        makeProblem(
          'address.invalid',
          this.text.slice(start, start + 1),
          `${SES_TEXT.illegal}: a group needs a name before ':'.`,
          false,
          "Name the group: 'Team: a@example.com, b@example.com;'.",
        ),
      );
    }
    if (phrase.nonAscii && !this.options.allowUnicodeNames) {
      this.report(
        makeProblem(
          'address.invalid',
          this.text.slice(start, tz.lastEnd),
          `${SES_TEXT.illegal}: the group name contains non-ASCII text.`,
          false,
          'Write non-ASCII group names as RFC 2047 encoded words (=?UTF-8?B?...?=).',
        ),
      );
    }
    if (phrase.control) {
      this.report(
        makeProblem(
          'address.whitespace-or-control',
          this.text.slice(start, tz.lastEnd),
          `${SES_TEXT.illegal}: the group name contains a control character.`,
          false,
          'Remove control characters and line breaks from the group name.',
        ),
      );
    }
    for (;;) {
      this.work.steps++;
      const t = tz.peek();
      if (isSpecial(t, ';')) {
        tz.next();
        this.expectAfterGroup();
        return;
      }
      if (isSpecial(t, ',')) {
        tz.next();
        continue;
      }
      if (t.kind === 'eof') {
        this.report(
          makeProblem(
            'address.invalid',
            this.text.slice(start, tz.lastEnd).trim(),
            `${SES_TEXT.illegal}: the group '${quoteForMessage(name)}' is missing its closing ';'.`,
            false,
            "End the group with ';'.",
          ),
        );
        return;
      }
      const before = tz.consumed;
      this.entry(g);
      this.ensureProgress(before);
    }
  }

  private expectAfterGroup(): undefined {
    const t = this.tz.peek();
    if (this.isTerminator(t, undefined)) return;
    if (t.kind === 'bad') {
      this.tz.next();
      return this.failBad(t, t.start, undefined);
    }
    this.fail(
      t.start,
      undefined,
      'address.invalid',
      `${SES_TEXT.illegal}: unexpected text after the group's closing ';'.`,
      "Separate entries with ','.",
    );
  }
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
      problems: [
        makeProblem(
          'address.invalid',
          String(value),
          `${SES_TEXT.illegal}: the value is not a string.`,
          true,
          'Pass the header value or address as a string.',
        ),
      ],
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
 * mailboxes whose only problems are non-fatal (see {@link AddressProblem.fatal}) are still listed.
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
    problems.push(
      makeProblem(
        'address.invalid',
        input,
        `${SES_TEXT.illegal}: Empty address.`,
        true,
        'Give an address such as name@example.com.',
      ),
    );
    return { problems };
  }
  if (r.topEntries > 1 || r.topCommas > 0 || r.groups > 0) {
    problems.push(
      makeProblem(
        'address.invalid',
        input,
        `${SES_TEXT.illegal}: expected exactly one mailbox, found a list or a group.`,
        true,
        'Give a single address.',
      ),
    );
    return { problems };
  }
  const mailbox = r.mailboxes[0];
  return mailbox === undefined ? { problems } : { mailbox, problems };
}
