import { Queue } from 'bullmq';
import { CampaignError } from '../errors.js';
import { checkCampaignId } from '../journal.js';
import { checkRecipient, eachRecipient } from '../recipients.js';
import type { CampaignRecipient } from '../types.js';
import { jobId } from './keys.js';
import { checkQueueOptions, type QueueOptions } from './queue-options.js';
import { CampaignStore } from './store.js';

/** The data of one campaign job. */
export interface CampaignJobData {
  /** Campaign id. */
  c: string;
  /** The recipient as given. */
  r: CampaignRecipient;
}

/** Options of `enqueueCampaign`. */
export interface EnqueueCampaignOptions<D = unknown, R extends CampaignRecipient = CampaignRecipient>
  extends QueueOptions {
  /** The campaign id (`[A-Za-z0-9._-]{1,128}`); enqueueing the same id again adds nothing new. */
  id: string;
  /** The recipients: an array or an (async) iterable, read one at a time. */
  recipients: Iterable<R> | AsyncIterable<R>;
  /** Campaign-wide data for `render`, stored once in Redis as JSON. */
  data?: D;
}

/** What `enqueueCampaign` did. */
export interface EnqueueResult {
  /** The campaign id. */
  id: string;
  /** Distinct recipients in the campaign. */
  total: number;
  /** Entries that repeated an earlier address (not enqueued). */
  duplicates: number;
}

const CHUNK = 500;

/**
 * Adds one job per distinct recipient to the BullMQ queue, with a job id derived from the campaign id and the
 * address, so enqueueing the same campaign again (after a crash mid-enqueue, or by mistake) adds nothing: BullMQ
 * ignores a job id it already holds, and recipients that already have an outcome are not added again. Streams
 * the recipients in chunks of 500.
 */
export async function enqueueCampaign<D = unknown, R extends CampaignRecipient = CampaignRecipient>(
  options: EnqueueCampaignOptions<D, R>,
): Promise<EnqueueResult> {
  const { connection, queueName, prefix } = checkQueueOptions(options, 'enqueueCampaign');
  const id = checkCampaignId(options.id);
  const dataJson = JSON.stringify(options.data ?? null);
  const recipients = eachRecipient(options.recipients as Iterable<unknown> | AsyncIterable<unknown>);
  const queue = new Queue<CampaignJobData>(queueName, { connection, ...(prefix ? { prefix } : {}) });
  try {
    const store = await CampaignStore.of(queue);
    const stored = await store.metaOnce(id, 'data', dataJson);
    if (stored !== dataJson) {
      throw new CampaignError(
        'campaign.options-invalid',
        `enqueueCampaign: campaign ${id} was enqueued before with different \`data\`; use a new id for new data.`,
      );
    }
    // One Set of keys bounds duplicates detection to this call's distinct addresses.
    const seen = new Set<string>();
    let duplicates = 0;
    let index = 0;
    let chunk: { key: string; recipient: unknown; address: string; error?: CampaignError }[] = [];
    const flush = async () => {
      const done = await store.finished(
        id,
        chunk.map((c) => c.key),
      );
      const jobs = [];
      for (const [i, c] of chunk.entries()) {
        if (done[i]) continue;
        if (c.error) {
          await store.record(id, c.key, {
            recipient: c.address,
            status: 'skipped',
            code: c.error.code,
            message: c.error.message,
            attempts: 0,
          });
          continue;
        }
        jobs.push({
          name: 'send',
          data: { c: id, r: c.recipient as CampaignRecipient },
          // BullMQ's own attempts only cover unexpected processor errors (say, a Redis hiccup); SES retries are
          // the worker's (see createCampaignWorker).
          opts: { jobId: jobId(id, c.key), attempts: 3, backoff: { type: 'exponential', delay: 1000 } },
        });
      }
      if (jobs.length > 0) await queue.addBulk(jobs);
      chunk = [];
    };
    for await (const entry of recipients) {
      const c = checkRecipient(entry, index++);
      if (seen.has(c.key)) {
        duplicates++;
        continue;
      }
      seen.add(c.key);
      chunk.push(c.ok ? c : { ...c, recipient: undefined });
      if (chunk.length >= CHUNK) await flush();
    }
    await flush();
    await store.setMeta(id, { total: seen.size, duplicates, enqueued: 1 });
    return { id, total: seen.size, duplicates };
  } finally {
    await queue.close();
  }
}
