import type { FamilyContext, FamilyVisitor, MessageFacts } from './families/family.js';
import { ruleFamilies } from './families/registry.js';
import { type ResolvedOptions, resolveOptions } from './options.js';
import { combineVisitors } from './reader/dispatch.js';
import type { MessageStats } from './reader/events.js';
import { inMemoryChunks, messageChunks } from './reader/input.js';
import { MessageReader } from './reader/message-reader.js';
import { IssueCollector } from './report/issue-collector.js';
import type { MessageInput, ValidateOptions, ValidationReport } from './types.js';

/** A report plus the reader's work counters (for tests and benchmarks). */
export interface ValidationRun {
  report: ValidationReport;
  stats: MessageStats;
}

/** Like `validate`, but also returns the reader's counters. Internal; not part of the public API. */
export async function validateWithStats(
  message: MessageInput,
  options?: ValidateOptions,
): Promise<ValidationRun> {
  return run(message, options);
}

/**
 * One validation. Bytes and strings are read synchronously and the run is returned as is (no promise to make
 * and await inside `validate`); a stream is read asynchronously. Throws (synchronously) on bad options.
 */
/**
 * Validates bytes in memory while also handing the reader's events to `extra` (after the rule families): one
 * reading of the message serves both. Internal: the repair plans its changes in the same pass.
 */
export function validateAlongside(
  message: Uint8Array,
  options: ValidateOptions | undefined,
  extra: FamilyVisitor,
): ValidationReport {
  // The fan-out calls hooks as plain functions: bind them to `extra` (which may be a class instance).
  const bound: FamilyVisitor = {};
  const hooks = [
    'headerField',
    'headerSyntax',
    'headersEnd',
    'body',
    'partEnd',
    'structure',
    'lineProblem',
    'end',
  ] as const;
  for (const hook of hooks) {
    const fn = extra[hook] as ((...args: unknown[]) => void) | undefined;
    if (fn !== undefined) (bound as Record<string, unknown>)[hook] = fn.bind(extra);
  }
  return (run(message, options, bound) as ValidationRun).report;
}

function run(
  message: MessageInput,
  options: ValidateOptions | undefined,
  extra?: FamilyVisitor,
): ValidationRun | Promise<ValidationRun> {
  const opts = resolveOptions(options);
  const issues = new IssueCollector(opts.profile);
  const facts: MessageFacts = { to: [], cc: [], bcc: [] };
  const work = { steps: 0 };
  const ctx: FamilyContext = { options: opts, issues, facts, work };
  const visitors = ruleFamilies.map((f) => f.create(ctx));
  let stats: MessageStats = {
    size: 0,
    lines: 0,
    parts: 0,
    headerFields: 0,
    crlfLines: 0,
    bareLfLines: 0,
    maxHeldBytes: 0,
    work: 0,
  };
  const events = combineVisitors([
    ...visitors,
    ...(extra === undefined ? [] : [extra]),
    {
      end(s: MessageStats) {
        stats = s;
      },
    },
  ]);
  const reader = new MessageReader(events, work);
  const inMemory = inMemoryChunks(message);
  const finish = (): ValidationRun => {
    reader.end();
    return buildRun(opts, issues, facts, stats);
  };
  if (inMemory) {
    // Bytes or a string: no asynchronous iteration needed.
    for (const v of visitors) v.start?.();
    for (const chunk of inMemory) reader.push(chunk);
    return finish();
  }
  return (async () => {
    const chunks = messageChunks(message);
    // The first pull checks the message type (and throws before any rule runs).
    let next = await chunks.next();
    for (const v of visitors) v.start?.();
    while (!next.done) {
      reader.push(next.value);
      next = await chunks.next();
    }
    return finish();
  })();
}

/** The report, from what the rules collected. */
function buildRun(
  opts: ResolvedOptions,
  issues: IssueCollector,
  facts: MessageFacts,
  stats: MessageStats,
): ValidationRun {
  const list = issues.finish();
  const destinations = opts.destinations ?? [];
  const unique = new Set<string>();
  for (const addrs of [facts.to, facts.cc, facts.bcc, destinations])
    for (const a of addrs) unique.add(a.toLowerCase());
  const report: ValidationReport = {
    ok: !list.some((i) => i.severity === 'error'),
    profile: opts.profile.name,
    size: stats.size,
    recipients: {
      count: unique.size,
      to: facts.to,
      cc: facts.cc,
      bcc: facts.bcc,
      destinations: [...destinations],
    },
    issues: list,
  };
  return { report, stats };
}

/**
 * Checks a raw MIME message against Amazon SES's rules (or RFC 5322 alone) in one streaming pass.
 *
 * Never throws because of the message's bytes: whatever they are, the answer is a report. Throws
 * `ValidateOptionsError` for malformed options or a message of the wrong type, and `ValidateError`
 * (`validate.read-failed`) when a message stream fails.
 *
 * @param message - The raw message: bytes, a string (sent as UTF-8), a Readable or an AsyncIterable of bytes.
 * @param options - Profile (default `ses-v1`), and the SES parameters the message will be sent with.
 * @returns The report: `ok` is true when no issue has severity `error`.
 *
 * @example
 * ```ts
 * const report = await validate(rawBytes, { profile: 'ses-v2', destinations: ['a@example.com'] });
 * if (!report.ok) for (const i of report.issues) console.log(i.code, i.message);
 * ```
 */
export async function validate(message: MessageInput, options?: ValidateOptions): Promise<ValidationReport> {
  const r = run(message, options);
  return (r instanceof Promise ? await r : r).report;
}
