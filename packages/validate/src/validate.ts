import type { FamilyContext, FamilyVisitor, MessageFacts } from './families/family.js';
import { ruleFamilies } from './families/registry.js';
import { type ResolvedOptions, resolveOptions } from './options.js';
import { combineVisitors } from './reader/dispatch.js';
import type { MessageStats } from './reader/events.js';
import {
  chunkBytes,
  inMemoryBytes,
  PIECE_BYTES,
  readFailed,
  SLICE_BYTES,
  streamIterator,
} from './reader/input.js';
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
 * One validation. Bytes and strings of at most one slice are read synchronously and the run is returned as is
 * (no promise to make and await inside `validate`); larger ones, and streams, are read asynchronously, yielding
 * to the event loop between slices. Throws (synchronously) on bad options.
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
  // Repair plans while it validates and writes right after, so this pass reads an in-memory message in one go.
  return (run(message, options, bound, true) as ValidationRun).report;
}

function run(
  message: MessageInput,
  options: ValidateOptions | undefined,
  extra?: FamilyVisitor,
  synchronous = false,
): ValidationRun | Promise<ValidationRun> {
  const opts = resolveOptions(options);
  const issues = new IssueCollector(opts.profile);
  const facts: MessageFacts = { to: [], cc: [], bcc: [], uniqueRecipients: 0 };
  const work = { steps: 0 };
  const ctx: FamilyContext = { options: opts, issues, facts, work };
  const visitors: FamilyVisitor[] = [];
  for (const family of ruleFamilies) visitors.push(family.create(ctx));
  const reader = new MessageReader(combineVisitors(visitors, extra), work);
  const finish = (truncated: boolean): ValidationRun => buildRun(opts, issues, facts, reader.end(truncated));
  const start = () => {
    for (const v of visitors) v.start?.();
  };
  const bytes = inMemoryBytes(message);
  if (bytes) {
    start();
    // A message of one slice (almost every message) is read synchronously: no promise to make and await.
    if (bytes.length <= SLICE_BYTES || synchronous) {
      for (let i = 0; i < bytes.length; i += PIECE_BYTES)
        reader.push(i === 0 && bytes.length <= PIECE_BYTES ? bytes : bytes.subarray(i, i + PIECE_BYTES));
      return finish(false);
    }
    return (async () => {
      await new Feeder(reader).feed(bytes);
      return finish(false);
    })();
  }
  const cap = opts.profile.maxMessageBytes;
  return (async () => {
    const chunks = streamIterator(message);
    const feeder = new Feeder(reader);
    let started = false;
    for (;;) {
      let next: IteratorResult<unknown>;
      try {
        next = await chunks.next();
      } catch (error) {
        throw readFailed(error);
      }
      // The first pull checks the message type (and throws before any rule runs).
      if (!started) {
        started = true;
        start();
      }
      if (next.done) return finish(false);
      const chunk = chunkBytes(next.value);
      if (!feeder.pushSmall(chunk)) await feeder.feed(chunk);
      if (cap !== null && reader.bytesRead > cap) {
        // Past the size cap the answer is known: stop reading (an endless stream must not run until killed),
        // let the source release its resources, and report on what was read.
        stopReading(chunks);
        return finish(true);
      }
    }
  })();
}

/** One turn of the event loop (timers and I/O run in between). */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Hands bytes to the reader in pieces of at most `PIECE_BYTES`, and yields to the event loop once a slice's
 * worth (`SLICE_BYTES`) has been read since the last turn: a large message never blocks the loop for longer than one slice
 * takes, however it arrives (one big buffer, big stream chunks, or many small chunks that are already
 * buffered and so resolve without a turn of the loop).
 */
class Feeder {
  private sinceTurn = 0;
  private readonly reader: MessageReader;

  constructor(reader: MessageReader) {
    this.reader = reader;
  }

  /** Pushes `bytes` at once when it is one piece and no turn is due; false when `feed` must be used. */
  pushSmall(bytes: Buffer): boolean {
    if (bytes.length > PIECE_BYTES || this.sinceTurn + bytes.length > SLICE_BYTES) return false;
    this.reader.push(bytes);
    this.sinceTurn += bytes.length;
    return true;
  }

  async feed(bytes: Buffer): Promise<void> {
    for (let i = 0; i < bytes.length; ) {
      if (this.sinceTurn >= SLICE_BYTES) {
        await nextTurn();
        this.sinceTurn = 0;
      }
      const n = Math.min(PIECE_BYTES, SLICE_BYTES - this.sinceTurn, bytes.length - i);
      this.reader.push(bytes.subarray(i, i + n));
      this.sinceTurn += n;
      i += n;
    }
  }
}

/** Ends a stream's iteration (a Readable is destroyed); whatever it answers or throws, validation does not wait. */
function stopReading(chunks: AsyncIterator<unknown>): void {
  try {
    const done = chunks.return?.();
    if (done !== undefined) Promise.resolve(done).catch(() => {});
  } catch {
    // A source that fails while being closed has nothing more to say about the message.
  }
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
  const report: ValidationReport = {
    ok: !list.some((i) => i.severity === 'error'),
    profile: opts.profile.name,
    size: stats.size,
    recipients: {
      count: facts.uniqueRecipients,
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
