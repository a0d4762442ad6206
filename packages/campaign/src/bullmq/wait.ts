import { Queue } from 'bullmq';
import { checkCampaignId } from '../journal.js';
import { ProgressMeter } from '../progress.js';
import type { CampaignProgress, CampaignReport } from '../types.js';
import { checkQueueOptions, type QueueOptions } from './queue-options.js';
import { CampaignStore } from './store.js';

/** Options of `campaignReport`. */
export interface CampaignReportOptions extends QueueOptions {
  /** The campaign id. */
  id: string;
}

/** Options of `waitForCampaign`. */
export interface WaitForCampaignOptions extends CampaignReportOptions {
  /** Stops waiting: the promise rejects with the signal's reason. The campaign itself goes on. */
  signal?: AbortSignal;
  /** Called with counts, rate and ETA every `pollMs`. */
  onProgress?: (progress: CampaignProgress) => void;
  /** How often to read the counts from Redis, in ms. Default 500. */
  pollMs?: number;
}

function open(o: QueueOptions, where: string): Queue {
  const { connection, queueName, prefix } = checkQueueOptions(o, where);
  return new Queue(queueName, { connection, ...(prefix ? { prefix } : {}) });
}

/** The report of a BullMQ campaign as it stands: `running`, `paused` (with the reason) or `completed`. */
export async function campaignReport(options: CampaignReportOptions): Promise<CampaignReport> {
  const id = checkCampaignId(options.id);
  const queue = open(options, 'campaignReport');
  try {
    const store = await CampaignStore.of(queue);
    return await store.report(id, await store.pause());
  } finally {
    await queue.close();
  }
}

/**
 * Waits until every recipient of the campaign has an outcome, or the queue is paused (daily quota or another
 * account-wide SES error), and returns the report. Progress comes from the counters in Redis.
 */
export async function waitForCampaign(options: WaitForCampaignOptions): Promise<CampaignReport> {
  const id = checkCampaignId(options.id);
  const queue = open(options, 'waitForCampaign');
  const pollMs = options.pollMs ?? 500;
  const meter = new ProgressMeter(id);
  try {
    const store = await CampaignStore.of(queue);
    for (;;) {
      options.signal?.throwIfAborted();
      const { total, enqueued, counts } = await store.counts(id);
      meter.set(counts);
      options.onProgress?.(meter.snapshot(enqueued ? total : undefined));
      const complete = enqueued && total !== undefined && meter.done() >= total;
      const paused = complete ? undefined : await store.pause();
      if (complete || paused) return await store.report(id, paused);
      await new Promise<void>((resolve) => {
        const t = setTimeout(done, pollMs);
        options.signal?.addEventListener('abort', done, { once: true });
        function done() {
          clearTimeout(t);
          options.signal?.removeEventListener('abort', done);
          resolve();
        }
      });
    }
  } finally {
    await queue.close();
  }
}

/**
 * Resumes a queue that a worker paused on an account-wide SES error (for example the next day, after a
 * `DailyQuotaExceeded`): clears the recorded reason and resumes the BullMQ queue; running workers carry on.
 */
export async function resumeCampaigns(options: QueueOptions): Promise<void> {
  const queue = open(options, 'resumeCampaigns');
  try {
    const store = await CampaignStore.of(queue);
    await store.clearPause();
    await queue.resume();
  } finally {
    await queue.close();
  }
}
