import { escapeControls } from '@rawmail/mime';
import type { Profile } from '../profiles.js';
import { type RuleCode, rulesByCode } from '../rules/catalog.js';
import type { Severity, ValidationIssue } from '../types.js';

/** At most this many issues of one code are listed; the rest are summed up in one final issue. */
export const MAX_ISSUES_PER_CODE = 20;

/** What a rule module reports; severity and hint come from the rule catalogue unless given. */
export interface IssueInput {
  code: RuleCode;
  message: string;
  line?: number;
  header?: string;
  part?: string;
  hint?: string;
}

/**
 * Collects issues: applies the profile's severity overrides and SES-only switch, fills in hints from the
 * catalogue and bounds memory by listing at most `MAX_ISSUES_PER_CODE` issues per code.
 */
/**
 * Severities looked up per built-in profile (frozen, so they cannot change), shared by every validation that
 * uses it: a validation does not build its own table. A custom profile is resolved afresh for each validation
 * and gets a table of its own.
 */
const sharedSeverities = new WeakMap<Profile, Map<RuleCode, Severity | null>>();

function severityTable(profile: Profile): Map<RuleCode, Severity | null> {
  if (!Object.isFrozen(profile)) return new Map();
  let table = sharedSeverities.get(profile);
  if (table === undefined) {
    table = new Map();
    sharedSeverities.set(profile, table);
  }
  return table;
}

const NO_COUNTS: ReadonlyMap<RuleCode, number> = new Map();

export class IssueCollector {
  private readonly issues: ValidationIssue[] = [];
  /** Occurrences per code; made on the first issue (most messages have none). */
  private counts: Map<RuleCode, number> | undefined;
  private readonly profile: Profile;

  constructor(profile: Profile) {
    this.profile = profile;
    this.severities = severityTable(profile);
  }

  /** Whether a rule runs under this profile (so callers can skip work). */
  enabled(code: RuleCode): boolean {
    return this.severityOf(code) !== undefined;
  }

  /** Severity of each code under this profile, once looked up (null: the rule is off). */
  private readonly severities: Map<RuleCode, Severity | null>;

  private severityOf(code: RuleCode): Severity | undefined {
    const known = this.severities.get(code);
    if (known !== undefined) return known ?? undefined;
    const severity = this.lookUpSeverity(code);
    this.severities.set(code, severity ?? null);
    return severity;
  }

  private lookUpSeverity(code: RuleCode): Severity | undefined {
    const rule = rulesByCode.get(code);
    if (!rule) throw new Error(`internal: unknown rule code ${code}`);
    const override = this.profile.rules[code];
    if (override === 'off') return undefined;
    if (rule.sesOnly && !this.profile.sesRules && override === undefined) return undefined;
    return override ?? rule.severity;
  }

  /** Records one issue (ignored when the rule is off for this profile). */
  add(input: IssueInput): void {
    const severity = this.severityOf(input.code);
    if (severity === undefined) return;
    this.counts ??= new Map();
    const n = (this.counts.get(input.code) ?? 0) + 1;
    this.counts.set(input.code, n);
    if (n > MAX_ISSUES_PER_CODE) return;
    const issue: ValidationIssue = { code: input.code, severity, message: escapeControls(input.message) };
    if (input.line !== undefined) issue.line = input.line;
    if (input.header !== undefined) issue.header = escapeControls(input.header);
    if (input.part !== undefined && input.part !== '') issue.part = input.part;
    const hint = input.hint ?? rulesByCode.get(input.code)?.hint;
    if (hint !== undefined) issue.hint = escapeControls(hint);
    this.issues.push(issue);
  }

  /**
   * Whether one more issue of `code` would be listed (the rule is on and its listing cap is not reached), so
   * a rule that may fire thousands of times builds its message only when it will be shown; otherwise it calls
   * `countOnly`.
   */
  listing(code: RuleCode): boolean {
    return (
      this.severityOf(code) !== undefined && ((this.counts ?? NO_COUNTS).get(code) ?? 0) < MAX_ISSUES_PER_CODE
    );
  }

  /** Counts `n` more occurrences of a code without listing them (they show in the summary issue). */
  countOnly(code: RuleCode, n: number): void {
    if (n <= 0 || this.severityOf(code) === undefined) return;
    this.counts ??= new Map();
    this.counts.set(code, (this.counts.get(code) ?? 0) + n);
  }

  /** The issues in canonical order, with one summary issue per code whose occurrences went over the cap. */
  finish(): ValidationIssue[] {
    if (this.counts === undefined || this.counts.size === 0) return [];
    // Canonical order, independent of how the bytes were chunked: message-level issues (no line) first, then
    // by line and code; the "N more" summaries last.
    const out = this.issues
      .map((issue, i) => ({ issue, i }))
      .sort(
        (a, b) =>
          (a.issue.line ?? 0) - (b.issue.line ?? 0) ||
          (a.issue.code < b.issue.code ? -1 : a.issue.code > b.issue.code ? 1 : 0) ||
          a.i - b.i,
      )
      .map((x) => x.issue);
    const listed = new Map<RuleCode, number>();
    for (const i of this.issues) listed.set(i.code, (listed.get(i.code) ?? 0) + 1);
    for (const [code, n] of this.counts) {
      const shown = listed.get(code) ?? 0;
      if (n <= shown) continue;
      const first = this.issues.find((i) => i.code === code);
      out.push({
        code,
        severity: first?.severity ?? this.severityOf(code) ?? 'error',
        message: `${n - shown} more '${code}' issues were not listed (${n} in total).`,
        hint: first?.hint ?? rulesByCode.get(code)?.hint ?? '',
      });
    }
    return out;
  }
}
