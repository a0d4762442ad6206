import { DelayedError, type Job, Queue, Worker } from 'bullmq';
import { decide } from '../decide.js';
import { CampaignError } from '../errors.js';
import { backoff, checkSendOptions } from '../options.js';
import { checkRecipient } from '../recipients.js';
import { renderMessage } from '../render.js';
import type { CampaignRecipient, CampaignSendOptions, RecipientOutcome } from '../types.js';
import type { CampaignJobData } from './enqueue.js';
import { checkQueueOptions, type QueueOptions } from './queue-options.js';
import { CampaignStore } from './store.js';

/** Options of `createCampaignWorker`. */
export interface CampaignWorkerOptions<D = unknown, R extends CampaignRecipient = CampaignRecipient>
  extends QueueOptions,
    CampaignSendOptions<D, R> {
  /**
   * Maximum requests per second to SES for the whole queue, across every worker process (BullMQ's queue-wide
   * rate limiter, kept in Redis). Give every worker the same value.
   */
  maxSendRate?: number;
  /**
   * How long a job's lock lasts without renewal (ms). A worker that dies (SIGKILL) holds its jobs this long; then
   * BullMQ's stalled-job check hands them to another worker. Default 30,000.
   */
  lockDurationMs?: number;
  /** Errors of the worker itself (Redis connection, bookkeeping). Default: logged with `console.error`. */
  onError?: (error: Error) => void;
}

/** A running campaign worker. */
export interface CampaignWorker {
  /** The BullMQ worker (for its events). */
  worker: Worker<CampaignJobData>;
  /** Stops taking jobs, waits for the jobs in flight, and closes the connections. */
  close(): Promise<void>;
}

/**
 * The burst above `maxSendRate` that the endpoint may see over any window, in requests: one limiter window
 * (`rate / 10`) plus 0.5 s of processing lag (a request reaches SES after its job starts: bookkeeping in Redis,
 * render, validation, so starts can bunch up a little on the way). Over any T seconds, at most
 * `rate * T + documentedBurst(rate)` requests.
 */
export function documentedBurst(rate: number): number {
  return limiterFor(rate).max + Math.ceil(rate * 0.5);
}

/**
 * The BullMQ limiter for `maxSendRate`: windows of a tenth of a second (fewer bursts than one-second windows),
 * each allowing `max` jobs, never more than the rate. Over any window of T seconds at most
 * `rate * T + max` jobs start.
 */
export function limiterFor(rate: number): {
  /** Jobs per window. */
  max: number;
  /** Window length in ms. */
  duration: number;
} {
  const max = Math.max(1, Math.floor(rate / 10));
  return { max, duration: Math.ceil((1000 * max) / rate) };
}

/**
 * Starts a worker that sends the campaign jobs of one queue. Run it in as many processes or machines as you like:
 * the rate limit holds for the queue as a whole, each recipient is sent at most once (BullMQ's job lock plus the
 * outcome written once in Redis), and the jobs of a worker that dies are reclaimed as stalled: an attempt that
 * had started becomes `ambiguous` (or is re-sent with `retryAmbiguous`), the others are sent.
 */
export function createCampaignWorker<D = unknown, R extends CampaignRecipient = CampaignRecipient>(
  options: CampaignWorkerOptions<D, R>,
): CampaignWorker {
  const policy = checkSendOptions(options, 'createCampaignWorker');
  const { connection, queueName, prefix } = checkQueueOptions(options, 'createCampaignWorker');
  if (
    options.lockDurationMs !== undefined &&
    (!Number.isInteger(options.lockDurationMs) || options.lockDurationMs < 1000)
  ) {
    throw new CampaignError(
      'campaign.options-invalid',
      'createCampaignWorker: `lockDurationMs` must be a whole number of milliseconds, at least 1000.',
    );
  }
  const lockDuration = options.lockDurationMs ?? 30_000;
  const retryAmbiguous = options.retryAmbiguous === true;
  const queue = new Queue<CampaignJobData>(queueName, { connection, ...(prefix ? { prefix } : {}) });
  const store = CampaignStore.of(queue);
  const dataCache = new Map<string, Promise<D>>();
  const campaignData = (id: string): Promise<D> => {
    let d = dataCache.get(id);
    if (!d) {
      d = store.then(async (s) => JSON.parse((await s.meta(id)).data ?? 'null') as D);
      dataCache.set(id, d);
      d.catch(() => dataCache.delete(id));
    }
    return d;
  };

  const processJob = async (job: Job<CampaignJobData>, token?: string): Promise<void> => {
    const s = await store;
    const { c: id, r: recipient } = job.data;
    const checked = checkRecipient(recipient, 0);
    const key = checked.key;
    const outcome = (o: Omit<RecipientOutcome, 'recipient'>) =>
      s.record(id, key, { recipient: checked.address, ...o });
    const state = await s.recipientState(id, key);
    if (state.done) return;
    if (state.open && !retryAmbiguous) {
      await outcome({
        status: 'ambiguous',
        code: 'campaign.interrupted',
        message:
          'A worker stopped (crash or kill) after this attempt started: SES may or may not have sent it.',
        attempts: state.attempts,
      });
      return;
    }
    if (!checked.ok) {
      await outcome({
        status: 'skipped',
        code: checked.error.code,
        message: checked.error.message,
        attempts: 0,
      });
      return;
    }
    let message: Awaited<ReturnType<typeof renderMessage>>;
    try {
      message = await renderMessage(options.render, checked.recipient as R, await campaignData(id));
    } catch (e) {
      const d = decide(e, false);
      if (d.kind !== 'final') throw e;
      await outcome({ ...d.outcome, attempts: state.attempts });
      return;
    }
    const attempts = await s.start(id, key);
    let error: unknown;
    try {
      const sent = await options.sender.send(message, {
        ...options.sendOptions,
        destinations: [checked.address],
      });
      await outcome({ status: 'sent', messageId: sent.messageId, attempts });
      return;
    } catch (e) {
      error = e;
    }
    const d = decide(error, retryAmbiguous);
    if (d.kind === 'final') {
      await outcome({ ...d.outcome, attempts });
      return;
    }
    if (!(error as { ambiguous?: boolean }).ambiguous) await s.clear(id, key);
    if (d.kind === 'pause' || d.kind === 'fatal') {
      // Account-wide (or a bad sender): stop the whole queue; this job goes back to wait for a later resume.
      const reason =
        d.kind === 'pause'
          ? { code: d.code, message: d.message }
          : {
              code: String((d.error as { code?: unknown }).code ?? 'Unknown'),
              message: String((d.error as Error).message),
            };
      await s.setPause(reason);
      await queue.pause();
      throw Worker.RateLimitError();
    }
    if (attempts >= policy.maxAttempts) {
      await outcome({
        status: 'failed',
        code: d.code,
        message: `${d.message} (gave up after ${attempts} attempts)`,
        attempts,
      });
      return;
    }
    await job.moveToDelayed(Date.now() + backoff(policy, attempts - 1), token);
    throw new DelayedError();
  };

  const worker = new Worker<CampaignJobData>(queueName, processJob, {
    connection,
    ...(prefix ? { prefix } : {}),
    concurrency: options.concurrency ?? 4,
    lockDuration,
    stalledInterval: Math.min(30_000, lockDuration),
    // A job reclaimed from a dead worker is handled (as ambiguous or re-sent), never failed for stalling.
    maxStalledCount: 1000,
    removeOnComplete: { count: 0 },
    removeOnFail: { count: 0 },
    ...(options.maxSendRate === undefined ? {} : { limiter: limiterFor(options.maxSendRate) }),
  });

  worker.on(
    'error',
    options.onError ?? ((e) => console.error(`@rawmail/campaign worker (${queueName}):`, e)),
  );
  // A job that failed for good (its processor threw something unexpected on every BullMQ attempt) still gets
  // its outcome, so the campaign completes.
  worker.on('failed', (job, err) => {
    if (!job) return;
    void (async () => {
      const state = await job.getState();
      if (state !== 'failed' && state !== 'unknown') return;
      const s = await store;
      const key = checkRecipient(job.data.r, 0).key;
      const st = await s.recipientState(job.data.c, key);
      await s.record(job.data.c, key, {
        recipient: checkRecipient(job.data.r, 0).address,
        status: st.open ? 'ambiguous' : 'failed',
        code: String((err as { code?: unknown }).code ?? 'Unknown'),
        message: err.message,
        attempts: st.attempts,
      });
    })().catch((e) => worker.emit('error', e));
  });

  return {
    worker,
    close: async () => {
      await worker.close();
      await queue.close();
    },
  };
}
