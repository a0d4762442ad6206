/**
 * `@rawmail/campaign`: personalised bulk sending through Amazon SES that survives crashes. `runCampaign` runs in
 * one process with a durable local journal; `@rawmail/campaign/bullmq` runs the same semantics across processes
 * and machines on BullMQ and Redis. Every recipient gets exactly one outcome.
 *
 * @packageDocumentation
 */

export { CampaignError, type CampaignErrorCode } from './errors.js';
export { recipientKey } from './recipients.js';
export { type RunCampaignOptions, runCampaign } from './run-campaign.js';
export type {
  CampaignPause,
  CampaignProgress,
  CampaignRecipient,
  CampaignReport,
  CampaignRetryOptions,
  CampaignSendOptions,
  OutcomeStatus,
  RecipientOutcome,
  RenderedMessage,
  RenderFn,
} from './types.js';

/** Package version. */
export const VERSION = '0.1.0';
