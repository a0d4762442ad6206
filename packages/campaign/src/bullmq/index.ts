/**
 * `@rawmail/campaign/bullmq`: the campaign semantics of `runCampaign` across processes and machines, on BullMQ
 * and Redis. `bullmq` is an optional peer dependency: install it to use this entry point.
 * @packageDocumentation
 */

export {
  type CampaignJobData,
  type EnqueueCampaignOptions,
  type EnqueueResult,
  enqueueCampaign,
} from './enqueue.js';
export type { QueueOptions } from './queue-options.js';
export {
  type CampaignReportOptions,
  campaignReport,
  resumeCampaigns,
  type WaitForCampaignOptions,
  waitForCampaign,
} from './wait.js';
export {
  type CampaignWorker,
  type CampaignWorkerOptions,
  createCampaignWorker,
  documentedBurst,
  limiterFor,
} from './worker.js';
