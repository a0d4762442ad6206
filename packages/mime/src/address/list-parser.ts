/**
 * The address-list grammar (RFC 5322 §3.4): a recursive-descent parser over the pull lexer, with
 * one token of lookahead and no backtracking. Each token is consumed once; after an error the
 * parser skips to the next `,` (or the `;` closing the current group), so the work is linear in
 * the input and every bad entry yields exactly one structural problem.
 */
import { checkDomain, checkLocalPart } from './addr-spec-checks.js';
import { decodeDisplayName, Phrase } from './display-name.js';
import { MAX_GROUP_DEPTH, MAX_PROBLEMS } from './limits.js';
import { problemFrom } from './problems.js';
import {
  AMBIGUOUS_REST,
  groupUnclosed,
  type ProblemText,
  STRUCTURE,
  strayCharacter,
  textAfterAddress,
  textInAngle,
  tooManyProblems,
} from './structure-problems.js';
import { type Token, Tokenizer, type Work } from './tokenizer.js';
import type { AddressProblem, Group, Mailbox } from './types.js';

/** Parse options with their defaults applied. */
export interface ResolvedOptions {
  decodeEncodedWords: boolean;
  allowGroups: boolean;
  allowUnicodeNames: boolean;
  requireDottedDomain: boolean;
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
const isWord = (t: Token): boolean => t.kind === 'atom' || t.kind === 'quoted' || isSpecial(t, '.');
const isDomainPart = (t: Token): boolean => t.kind === 'atom' || t.kind === 'literal' || isSpecial(t, '.');

/** How many groups enclose the current entry (0 or 1: groups never nest). */
const groupDepth = (group: Group | undefined): number => (group === undefined ? 0 : 1);

/** Parses one header value; results accumulate in the public fields. */
export class AddressListParser {
  readonly tz: Tokenizer;
  readonly entries: Array<Mailbox | Group> = [];
  readonly mailboxes: Mailbox[] = [];
  readonly problems: AddressProblem[] = [];
  /** Problems beyond MAX_PROBLEMS, counted but not listed. */
  private dropped = 0;
  /** Entries attempted at the top level, top-level commas seen, groups seen. */
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
      this.topEntries++;
      const before = tz.consumed;
      this.entry(undefined);
      this.ensureProgress(before);
    }
    if (this.dropped > 0) this.problems.push(problemFrom(tooManyProblems(this.dropped), this.text, true));
  }

  private report(p: AddressProblem): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(p);
    else this.dropped++;
  }

  /** A non-fatal problem about the text from `start` to the last token read. */
  private note(text: ProblemText, start: number): undefined {
    this.report(problemFrom(text, this.text.slice(start, this.tz.lastEnd).trim(), false));
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

  /**
   * Reports a fatal problem for the entry starting at `start`, after skipping the rest of it.
   * With `promote`, an `address.invalid` whose skipped rest holds another `@` or `<` becomes
   * `address.ambiguous`.
   */
  private fail(start: number, group: Group | undefined, text: ProblemText, promote = false): undefined {
    const skipped = this.recover(group);
    let t = text;
    if (promote && text.code === 'address.invalid' && (skipped.at || skipped.angle)) {
      t = { code: 'address.ambiguous', reason: `${text.reason} ${AMBIGUOUS_REST}`, hint: text.hint };
    }
    const end = Math.max(this.tz.lastEnd, start);
    this.report(problemFrom(t, this.text.slice(start, end).trim(), true));
  }

  /** A `bad` token (already consumed) ends the entry. */
  private failBad(t: Token, start: number, group: Group | undefined): undefined {
    switch (t.reason) {
      case 'unterminated-comment':
        return this.fail(start, group, STRUCTURE.unterminatedComment);
      case 'comment-too-deep':
        return this.fail(start, group, STRUCTURE.commentTooDeep);
      case 'comment-control':
      case 'control':
        return this.fail(start, group, STRUCTURE.controlCharacter);
      default:
        return this.fail(start, group, strayCharacter(t.ch));
    }
  }

  /** Reads words (atoms, quoted strings, dots) into a phrase. */
  private words(): Phrase {
    const phrase = new Phrase();
    for (;;) {
      this.work.steps++;
      const t = this.tz.peek();
      if (!isWord(t)) return phrase;
      this.tz.next();
      phrase.add(t, this.text);
    }
  }

  /** One mailbox or group, in a list or inside a group. */
  private entry(group: Group | undefined): undefined {
    const tz = this.tz;
    const phrase = this.words();
    const t = tz.peek();
    const start = phrase.count > 0 ? phrase.start : t.start;
    if (phrase.unterminated) return this.fail(start, group, STRUCTURE.unterminatedQuote);
    switch (t.kind) {
      case 'eof':
        if (phrase.count > 0) this.missingDomain(start, group);
        return;
      case 'bad':
        tz.next();
        return this.failBad(t, start, group);
      case 'literal':
        tz.next();
        return this.fail(start, group, STRUCTURE.strayLiteral);
      default:
        break;
    }
    switch (t.ch) {
      case '<':
        tz.next();
        return this.nameAddr(phrase, start, group);
      case '@':
        tz.next();
        return this.bareAddrSpec(phrase, t, start, group);
      case ':':
        if (groupDepth(group) >= MAX_GROUP_DEPTH) return this.fail(start, group, STRUCTURE.nestedGroup);
        if (!this.options.allowGroups) return this.fail(start, group, STRUCTURE.groupNotAllowed);
        tz.next();
        return this.group(phrase, start);
      case ',':
      case ';':
        if (phrase.count > 0) return this.missingDomain(start, group);
        // A `;` with nothing before it, outside a group.
        tz.next();
        return this.fail(t.start, group, STRUCTURE.straySemicolon);
      default:
        // `>`
        tz.next();
        return this.fail(start, group, STRUCTURE.strayGreaterThan);
    }
  }

  private missingDomain(start: number, group: Group | undefined): undefined {
    const beforeComma = isSpecial(this.tz.peek(), ',');
    return this.fail(
      start,
      group,
      beforeComma ? STRUCTURE.missingDomainBeforeComma : STRUCTURE.missingDomain,
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
      if (!isDomainPart(t)) return d;
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
    let problem: ProblemText | undefined;
    if (local.commentInside || at.comment || d.commentBefore || d.commentInside) {
      problem = STRUCTURE.commentInAddress;
    } else if (local.count === 0) problem = STRUCTURE.missingLocal;
    else if (local.control) problem = STRUCTURE.localControl;
    else if (local.wsInside || at.ws) problem = STRUCTURE.localWhitespace;
    else if (d.count === 0) problem = STRUCTURE.missingDomainAfterAt;
    else if (d.wsBefore || d.wsInside) problem = STRUCTURE.domainWhitespace;
    if (problem === undefined) return true;
    this.fail(start, group, problem);
    return false;
  }

  /** Content checks; records the mailbox unless a problem is fatal. */
  private finishMailbox(name: string, local: Phrase, d: DomainSpan, group: Group | undefined): void {
    const localText = this.text.slice(local.start, local.end);
    const domainText = this.text.slice(d.start, d.end);
    const address = `${localText}@${domainText}`;
    let fatal = false;
    for (const p of checkLocalPart(localText, address, this.work)) {
      fatal ||= p.fatal;
      this.report(p);
    }
    for (const p of checkDomain(domainText, address, this.options, this.work)) {
      fatal ||= p.fatal;
      this.report(p);
    }
    if (fatal) return;
    const mailbox: Mailbox = { name, address, local: localText, domain: domainText };
    if (group !== undefined) group.members.push(mailbox);
    else this.entries.push(mailbox);
    this.mailboxes.push(mailbox);
  }

  /** After a complete mailbox only a terminator may follow; returns false (having reported) otherwise. */
  private expectEnd(start: number, group: Group | undefined, afterAddrSpec: boolean): boolean {
    const t = this.tz.peek();
    if (this.isTerminator(t, group)) {
      if (!(afterAddrSpec && t.comment)) return true;
      this.report(problemFrom(STRUCTURE.commentAfterAddress, this.text.slice(start, t.start).trim(), true));
      return false;
    }
    if (isSpecial(t, '<')) {
      this.fail(start, group, afterAddrSpec ? STRUCTURE.addressThenAngle : STRUCTURE.twoAngleAddresses);
    } else if (isSpecial(t, '@')) {
      this.fail(start, group, STRUCTURE.twoAts);
    } else if (isSpecial(t, ';') && group === undefined) {
      this.fail(start, group, STRUCTURE.semicolonAfterAddress, true);
    } else if (t.kind === 'bad') {
      this.tz.next();
      this.failBad(t, start, group);
    } else {
      const text = afterAddrSpec
        ? textAfterAddress(this.text.slice(t.start, t.start + 1))
        : STRUCTURE.textAfterAngle;
      this.fail(start, group, text, true);
    }
    return false;
  }

  /** `local@domain` without angle brackets; the local part was read as a phrase, the `@` consumed. */
  private bareAddrSpec(local: Phrase, at: Token, start: number, group: Group | undefined): undefined {
    const d = this.domain();
    if (!this.addrSpecShape(local, at, d, start, group)) return;
    if (!this.expectEnd(start, group, true)) return;
    this.finishMailbox('', local, d, group);
  }

  /** `<@route,@route:` — a source route if a `:` comes before `>`, else a missing local part. */
  private routeOrMissingLocal(start: number, group: Group | undefined): undefined {
    const tz = this.tz;
    for (;;) {
      this.work.steps++;
      const t = tz.peek();
      if (isSpecial(t, ':')) return this.fail(start, group, STRUCTURE.sourceRoute);
      if (isSpecial(t, '>') || t.kind === 'eof') return this.fail(start, group, STRUCTURE.missingLocal);
      tz.next();
    }
  }

  /** `[phrase] < addr-spec >`; the `<` was consumed. */
  private nameAddr(phrase: Phrase, start: number, group: Group | undefined): undefined {
    const tz = this.tz;
    if (phrase.control) return this.fail(start, group, STRUCTURE.nameControl);
    const first = tz.peek();
    if (first.comment) return this.fail(start, group, STRUCTURE.commentInAngle);
    if (isSpecial(first, '>')) {
      tz.next();
      return this.fail(start, group, STRUCTURE.emptyAngle);
    }
    if (isSpecial(first, '@')) return this.routeOrMissingLocal(start, group);
    const local = this.words();
    if (local.unterminated) return this.fail(start, group, STRUCTURE.unterminatedQuote);
    const at = tz.peek();
    if (!isSpecial(at, '@')) {
      if (isSpecial(at, '>')) {
        tz.next();
        return this.fail(start, group, STRUCTURE.missingDomain);
      }
      if (at.kind === 'bad') {
        tz.next();
        return this.failBad(at, start, group);
      }
      if (this.isTerminator(at, group) || isSpecial(at, ';')) {
        return this.fail(start, group, STRUCTURE.missingGreaterThan);
      }
      tz.next();
      return this.fail(start, group, textInAngle(this.text.slice(at.start, at.start + 1)));
    }
    tz.next();
    const d = this.domain();
    if (!this.addrSpecShape(local, at, d, start, group)) return;
    const close = tz.peek();
    if (close.comment) return this.fail(start, group, STRUCTURE.commentInAngle);
    if (!isSpecial(close, '>')) {
      if (isSpecial(close, '@')) return this.fail(start, group, STRUCTURE.twoAts);
      if (close.kind === 'bad') {
        tz.next();
        return this.failBad(close, start, group);
      }
      if (this.isTerminator(close, group) || isSpecial(close, ';')) {
        return this.fail(start, group, STRUCTURE.missingGreaterThan);
      }
      return this.fail(start, group, STRUCTURE.textInAngle);
    }
    tz.next();
    if (!this.expectEnd(start, group, false)) return;
    if (phrase.nonAscii && !this.options.allowUnicodeNames) this.note(STRUCTURE.nameNonAscii, start);
    const name = this.options.decodeEncodedWords ? decodeDisplayName(phrase.text) : phrase.text;
    this.finishMailbox(name, local, d, group);
  }

  /** `phrase : [mailbox-list] ;`; the `:` was consumed. */
  private group(phrase: Phrase, start: number): undefined {
    const tz = this.tz;
    this.groups++;
    const name = this.options.decodeEncodedWords ? decodeDisplayName(phrase.text) : phrase.text;
    const g: Group = { group: name, members: [] };
    this.entries.push(g);
    if (phrase.count === 0) this.note(STRUCTURE.groupNoName, start);
    if (phrase.nonAscii && !this.options.allowUnicodeNames) this.note(STRUCTURE.groupNameNonAscii, start);
    if (phrase.control) this.note(STRUCTURE.groupNameControl, start);
    for (;;) {
      this.work.steps++;
      const t = tz.peek();
      if (isSpecial(t, ';')) {
        tz.next();
        return this.expectAfterGroup();
      }
      if (isSpecial(t, ',')) {
        tz.next();
        continue;
      }
      if (t.kind === 'eof') return this.note(groupUnclosed(name), start);
      const before = tz.consumed;
      this.entry(g);
      this.ensureProgress(before);
    }
  }

  /** After a group's `;` only a terminator may follow. */
  private expectAfterGroup(): undefined {
    const t = this.tz.peek();
    if (this.isTerminator(t, undefined)) return;
    this.tz.next();
    if (t.kind === 'bad') return this.failBad(t, t.start, undefined);
    return this.fail(t.start, undefined, STRUCTURE.textAfterGroup);
  }
}
