import { mkdir } from 'node:fs/promises';
import type { SendableMessage } from '@rawmail/ses';
import { decide } from './decide.js';
import { CampaignError } from './errors.js';
import { checkCampaignId, Journal, type JournalEntry } from './journal.js';
import { lockCampaign } from './lock.js';
import { backoff, type CampaignRetryPolicy, checkSendOptions } from './options.js';
import { ProgressMeter } from './progress.js';
import { TokenBucket } from './rate.js';
import { type CheckedRecipient, checkRecipient, eachRecipient } from './recipients.js';
import { renderMessage } from './render.js';
import type {
  CampaignPause,
  CampaignProgress,
  CampaignRecipient,
  CampaignReport,
  CampaignSendOptions,
  RecipientOutcome,
} from './types.js';

/** Options of `runCampaign`. */
export interface RunCampaignOptions<D = unknown, R extends CampaignRecipient = CampaignRecipient>
  extends CampaignSendOptions<D, R> {
  /** The campaign id: names the journal file; running again with the same id resumes. `[A-Za-z0-9._-]{1,128}`. */
  id: string;
  /** The recipients: an array, or an (async) iterable such as lines streamed from a file. Give the same ones on resume. */
  recipients: Iterable<R> | AsyncIterable<R>;
  /** Campaign-wide data handed to every `render` call. */
  data?: D;
  /** Directory of the journal (created if missing): `<id>.journal`, append-only and fsync'd, and `<id>.lock`. */
  journal: string;
  /** Stops taking new recipients; in-flight sends finish and are recorded. The report's state is `aborted`. */
  signal?: AbortSignal;
  /** Called with counts, rate and ETA at most every `progressIntervalMs`, and once at the end. */
  onProgress?: (progress: CampaignProgress) => void;
  /** Minimum ms between progress events. Default 500. */
  progressIntervalMs?: number;
}

type Stop = { state: 'paused'; pause: CampaignPause } | { state: 'aborted' };

/**
 * Sends one personalised message per recipient from this process, keeping a durable journal so that a crash or a
 * restart loses nothing: "attempt started" is fsync'd before each request and the outcome after it. Running it
 * again with the same `id` and `journal` resumes: finished recipients are not sent again, and a recipient whose
 * attempt was interrupted is reported `ambiguous` (re-sent only with `retryAmbiguous`). Retryable SES errors back
 * off and retry; permanent ones fail that recipient; an account-wide error (daily quota, account paused…) pauses
 * the campaign: the report says why, and a later run resumes it.
 *
 * @example
 * ```ts
 * const report = await runCampaign({
 *   id: 'november-news',
 *   journal: './campaign-journal',
 *   recipients: [{ address: 'ann@example.com', name: 'Ann' }],
 *   render: (r) => ({ from: 'news@example.com', to: r.address, subject: `Hi ${r.name}`, text: '…' }),
 *   sender: createSesSender({ client, retry: { maxAttempts: 1 } }),
 *   maxSendRate: 14,
 * });
 * ```
 */
export async function runCampaign<D = unknown, R extends CampaignRecipient = CampaignRecipient>(
  options: RunCampaignOptions<D, R>,
): Promise<CampaignReport> {
  const policy = checkSendOptions(options, 'runCampaign');
  const id = checkCampaignId(options.id);
  if (typeof options.journal !== 'string' || options.journal === '') {
    throw new CampaignError(
      'campaign.options-invalid',
      'runCampaign: `journal` must name a directory for the campaign journal (it is what makes a resume possible).',
    );
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw new CampaignError('campaign.options-invalid', 'runCampaign: `onProgress` must be a function.');
  }
  const recipients = eachRecipient(options.recipients as Iterable<unknown> | AsyncIterable<unknown>);
  await mkdir(options.journal, { recursive: true });
  const release = await lockCampaign(options.journal, id);
  try {
    const { journal, state } = await Journal.open(options.journal, id);
    try {
      return await new CampaignRun(options, id, policy, journal, state).run(recipients);
    } finally {
      await journal.close();
    }
  } finally {
    await release();
  }
}

/** One run of a local campaign: the workers, the counters and the report. */
class CampaignRun<D, R extends CampaignRecipient> {
  private readonly outcomes: { index: number; outcome: RecipientOutcome }[] = [];
  private readonly seen = new Set<string>();
  private readonly meter: ProgressMeter;
  private readonly bucket: TokenBucket | undefined;
  private stop: Stop | undefined;
  private fatal: { error: unknown } | undefined;
  private total = 0;
  private duplicates = 0;
  private pending = 0;
  private next = 0;
  private totalKnown: number | undefined;
  private lastProgress = Number.NEGATIVE_INFINITY;
  private readonly sleepers = new Set<() => void>();

  constructor(
    private readonly o: RunCampaignOptions<D, R>,
    private readonly id: string,
    private readonly policy: CampaignRetryPolicy,
    private readonly journal: Journal,
    private readonly state: Map<string, JournalEntry>,
  ) {
    this.meter = new ProgressMeter(id);
    this.bucket = o.maxSendRate === undefined ? undefined : new TokenBucket(o.maxSendRate);
    if (Array.isArray(o.recipients)) this.totalKnown = o.recipients.length;
  }

  async run(recipients: AsyncGenerator<unknown>): Promise<CampaignReport> {
    const onAbort = () => this.halt({ state: 'aborted' });
    if (this.o.signal?.aborted) onAbort();
    this.o.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const workers = Array.from({ length: this.o.concurrency ?? 4 }, () => this.worker(recipients));
      const results = await Promise.allSettled(workers);
      const failed = results.find((r) => r.status === 'rejected');
      if (failed) throw (failed as PromiseRejectedResult).reason;
      if (this.fatal) throw this.fatal.error;
    } finally {
      this.o.signal?.removeEventListener('abort', onAbort);
    }
    this.totalKnown = this.total;
    this.progress(true);
    this.outcomes.sort((a, b) => a.index - b.index);
    const c = this.meter.counts;
    const report: CampaignReport = {
      id: this.id,
      state: this.stop?.state ?? 'completed',
      total: this.total,
      ...c,
      pending: this.pending,
      duplicates: this.duplicates,
      outcomes: this.outcomes.map((o) => o.outcome),
    };
    if (this.stop?.state === 'paused') report.paused = this.stop.pause;
    return report;
  }

  private halt(stop: Stop): void {
    this.stop ??= stop;
    for (const wake of this.sleepers) wake();
  }

  private async worker(recipients: AsyncGenerator<unknown>): Promise<void> {
    for (;;) {
      // Async generators queue concurrent next() calls, so each entry goes to exactly one worker.
      const item = await recipients.next();
      if (item.done) return;
      const index = this.next++;
      await this.handle(checkRecipient(item.value, index), index);
    }
  }

  private async handle(c: CheckedRecipient, index: number): Promise<void> {
    if (this.seen.has(c.key)) {
      this.duplicates++;
      return;
    }
    this.seen.add(c.key);
    this.total++;
    const prior = this.state.get(c.key);
    let attempts = prior?.attempts ?? 0;
    const retryAmbiguous = this.o.retryAmbiguous === true;
    if (prior?.outcome) {
      this.outcomes.push({ index, outcome: prior.outcome });
      this.meter.add(prior.outcome.status, false);
      return;
    }
    if (prior?.open && !retryAmbiguous) {
      await this.record(index, c, attempts, {
        status: 'ambiguous',
        code: 'campaign.interrupted',
        message:
          'An earlier run stopped (crash or kill) after this attempt started: SES may or may not have sent it.',
      });
      return;
    }
    if (!c.ok) {
      await this.record(index, c, attempts, {
        status: 'skipped',
        code: c.error.code,
        message: c.error.message,
      });
      return;
    }
    if (this.stop) {
      this.pending++;
      return;
    }
    let message: SendableMessage;
    try {
      message = await renderMessage(this.o.render, c.recipient as R, this.o.data as D);
    } catch (e) {
      const d = decide(e, false);
      if (d.kind === 'final') await this.record(index, c, attempts, d.outcome);
      else throw e;
      return;
    }
    for (let retry = 0; ; retry++) {
      if (this.bucket && !this.stop) await this.bucket.acquire();
      if (this.stop) {
        this.pending++;
        return;
      }
      await this.journal.append({ k: c.key, s: 'start' });
      attempts++;
      let error: unknown;
      try {
        const sent = await this.o.sender.send(message, { ...this.o.sendOptions, destinations: [c.address] });
        await this.record(index, c, attempts, { status: 'sent', messageId: sent.messageId });
        return;
      } catch (e) {
        error = e;
      }
      const d = decide(error, retryAmbiguous);
      if (d.kind === 'final') {
        await this.record(index, c, attempts, d.outcome);
        return;
      }
      // Nothing reached SES (or the caller accepts a duplicate): the open attempt is closed unless ambiguous.
      if (!(error as { ambiguous?: boolean }).ambiguous) await this.journal.append({ k: c.key, s: 'clear' });
      if (d.kind === 'fatal') {
        this.fatal ??= { error: d.error };
        this.halt({ state: 'aborted' });
        this.pending++;
        return;
      }
      if (d.kind === 'pause') {
        this.halt({ state: 'paused', pause: { code: d.code, message: d.message } });
        this.pending++;
        return;
      }
      if (attempts >= this.policy.maxAttempts) {
        await this.record(index, c, attempts, {
          status: 'failed',
          code: d.code,
          message: `${d.message} (gave up after ${attempts} attempts)`,
        });
        return;
      }
      await this.sleep(backoff(this.policy, retry));
    }
  }

  /** Sleeps, but wakes up early when the campaign stops. */
  private sleep(ms: number): Promise<void> {
    if (this.stop) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }

  private async record(
    index: number,
    c: CheckedRecipient,
    attempts: number,
    outcome: Omit<RecipientOutcome, 'recipient' | 'attempts'>,
  ): Promise<void> {
    const full: RecipientOutcome = { recipient: c.address, ...outcome, attempts };
    const { status, attempts: _attempts, ...rest } = full;
    await this.journal.append({ k: c.key, s: status, ...rest, a: attempts });
    this.outcomes.push({ index, outcome: full });
    this.meter.add(status, true);
    this.progress(false);
  }

  private progress(final: boolean): void {
    const cb = this.o.onProgress;
    if (!cb) return;
    const t = performance.now();
    if (!final && t - this.lastProgress < (this.o.progressIntervalMs ?? 500)) return;
    this.lastProgress = t;
    try {
      cb(this.meter.snapshot(this.totalKnown));
    } catch (e) {
      // A broken callback stops the campaign (state is journaled) and runCampaign rejects with its error.
      this.fatal ??= { error: e };
      this.halt({ state: 'aborted' });
    }
  }
}
