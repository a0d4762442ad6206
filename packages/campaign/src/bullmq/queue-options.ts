import type { ConnectionOptions } from 'bullmq';
import { CampaignError } from '../errors.js';

/** Where the campaign queue lives. */
export interface QueueOptions {
  /** BullMQ connection: ioredis options (`{ host, port }`) or an ioredis instance. */
  connection: ConnectionOptions;
  /** The BullMQ queue name; use one queue per SES account (a pause stops the whole queue). */
  queueName: string;
  /** BullMQ key prefix. Default `bull`. */
  prefix?: string;
}

/** Checks the queue options; throws `campaign.options-invalid` with what to fix. */
export function checkQueueOptions(o: QueueOptions, where: string): QueueOptions {
  if (typeof o !== 'object' || o === null) {
    throw new CampaignError('campaign.options-invalid', `${where}: options must be an object.`);
  }
  if (typeof o.connection !== 'object' || o.connection === null) {
    throw new CampaignError(
      'campaign.options-invalid',
      `${where}: \`connection\` must be ioredis options ({ host, port }) or an ioredis instance.`,
    );
  }
  if (typeof o.queueName !== 'string' || !/^[A-Za-z0-9._-]{1,128}$/.test(o.queueName)) {
    throw new CampaignError(
      'campaign.options-invalid',
      `${where}: \`queueName\` must be 1 to 128 characters of A-Z a-z 0-9 . _ -.`,
    );
  }
  if (o.prefix !== undefined && (typeof o.prefix !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(o.prefix))) {
    throw new CampaignError(
      'campaign.options-invalid',
      `${where}: \`prefix\` must be 1 to 64 characters of A-Z a-z 0-9 . _ -.`,
    );
  }
  return o;
}
