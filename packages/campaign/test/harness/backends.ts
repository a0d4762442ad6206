import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SesSender } from '@rawmail/ses';
import {
  campaignReport,
  createCampaignWorker,
  enqueueCampaign,
  resumeCampaigns,
  waitForCampaign,
} from '../../src/bullmq/index.js';
import { type CampaignRecipient, type CampaignReport, type RenderFn, runCampaign } from '../../src/index.js';
import type { RedisServer } from './redis.js';

export { type Reader, readers, renderNewsletter } from './render.js';

/** What one campaign run needs, whichever backend. */
export interface RunSpec {
  id: string;
  recipients: CampaignRecipient[] | AsyncIterable<CampaignRecipient>;
  data?: unknown;
  render: RenderFn<unknown>;
  sender: SesSender;
  maxSendRate?: number;
  retryAmbiguous?: boolean;
  retry?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number };
}

/** One backend of the contract suite: runs a campaign until it completes or pauses, and resumes it. */
export interface Backend {
  name: string;
  setup(): Promise<void>;
  teardown(): Promise<void>;
  /** Starts (or restarts) the campaign and returns its report once completed or paused. */
  run(spec: RunSpec): Promise<CampaignReport>;
  /** Resumes a paused campaign (a later run or worker) and returns its report. */
  resume(spec: RunSpec): Promise<CampaignReport>;
}

/** The embedded backend: `runCampaign` with a journal in a temporary directory. */
export function localBackend(): Backend {
  let dir = '';
  const run = (spec: RunSpec) => runCampaign({ ...spec, journal: dir, concurrency: 4 });
  return {
    name: 'local journal',
    setup: async () => {
      dir = await mkdtemp(join(tmpdir(), 'rawmail-campaign-'));
    },
    teardown: () => rm(dir, { recursive: true, force: true }),
    run,
    resume: run,
  };
}

/** The BullMQ backend: enqueue, two in-process workers, wait. */
export function bullmqBackend(redis: () => RedisServer): Backend {
  let n = 0;
  let queueName = '';
  const work = async (spec: RunSpec, enqueue: boolean): Promise<CampaignReport> => {
    const connection = redis().connection;
    const workers = [0, 1].map(() =>
      createCampaignWorker({
        connection,
        queueName,
        render: spec.render,
        sender: spec.sender,
        concurrency: 2,
        ...(spec.maxSendRate ? { maxSendRate: spec.maxSendRate } : {}),
        ...(spec.retry ? { retry: spec.retry } : {}),
        ...(spec.retryAmbiguous ? { retryAmbiguous: true } : {}),
      }),
    );
    try {
      if (enqueue)
        await enqueueCampaign({
          connection,
          queueName,
          id: spec.id,
          recipients: spec.recipients,
          data: spec.data,
        });
      else await resumeCampaigns({ connection, queueName });
      await waitForCampaign({ connection, queueName, id: spec.id, pollMs: 50 });
      return await campaignReport({ connection, queueName, id: spec.id });
    } finally {
      await Promise.all(workers.map((w) => w.close()));
    }
  };
  return {
    name: 'BullMQ',
    setup: async () => {
      queueName = `q${++n}`;
    },
    teardown: async () => undefined,
    run: (spec) => work(spec, true),
    resume: (spec) => work(spec, false),
  };
}
