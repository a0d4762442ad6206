import type { ResolvedOptions } from '../options.js';
import type { ReaderEvents } from '../reader/events.js';
import type { IssueCollector } from '../report/issue-collector.js';
import type { RuleCode, RuleFamilyName } from '../rules/catalog.js';

/** What the families learn about the message and share (filled in registry order). */
export interface MessageFacts {
  /** Recipient addresses from the top-level To, Cc and Bcc headers (group members included). */
  to: string[];
  cc: string[];
  bcc: string[];
  /** Unique recipients (To, Cc, Bcc and destinations, case-insensitively), counted at the end by `size-recipients`. */
  uniqueRecipients: number;
}

/** What every rule family gets. */
export interface FamilyContext {
  readonly options: ResolvedOptions;
  readonly issues: IssueCollector;
  readonly facts: MessageFacts;
  /** Work counter shared with the reader (linear-time tests assert bounds on it). */
  readonly work: { steps: number };
}

/** A family's visitor: reader event hooks plus `start`, called before the first byte. */
export interface FamilyVisitor extends ReaderEvents {
  start?(): void;
}

/** One rule family: the codes it may emit and a factory for its per-message visitor. */
export interface RuleFamily {
  readonly name: RuleFamilyName;
  readonly codes: readonly RuleCode[];
  create(ctx: FamilyContext): FamilyVisitor;
}

/** Names a MIME entity in messages: `the message`, `MIME part 1.2`, `the message embedded in MIME part 2`. */
export function partLabel(part: { path: string; embedded?: boolean }): string {
  if (part.embedded === true) return `the message embedded in MIME part ${part.path}`;
  return part.path === '' ? 'the message' : `MIME part ${part.path}`;
}

/** Formats `line N` / `part P` for messages. */
export function where(part: { path: string; embedded?: boolean }, line?: number): string {
  const bits: string[] = [];
  if (part.path !== '') bits.push(part.embedded === true ? partLabel(part) : `MIME part ${part.path}`);
  if (line !== undefined) bits.push(`line ${line}`);
  return bits.length ? ` (${bits.join(', ')})` : '';
}
