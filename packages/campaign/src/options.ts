import { backoffDelay, resolveRetryPolicy } from '@rawmail/ses';
import { CampaignError } from './errors.js';
import type { CampaignRecipient, CampaignRetryOptions, CampaignSendOptions } from './types.js';

/** The campaign retry policy with defaults filled in. */
export interface CampaignRetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

function positive(name: string, v: unknown, integer: boolean, max = Number.MAX_SAFE_INTEGER): void {
  if (v === undefined) return;
  if (
    typeof v !== 'number' ||
    !Number.isFinite(v) ||
    v <= 0 ||
    v > max ||
    (integer && !Number.isInteger(v))
  ) {
    throw new CampaignError(
      'campaign.options-invalid',
      `\`${name}\` must be a ${integer ? 'whole ' : ''}number greater than 0${max < Number.MAX_SAFE_INTEGER ? ` and at most ${max}` : ''}; got ${JSON.stringify(v) ?? String(v)}.`,
    );
  }
}

/** Checks the options both backends share; throws `campaign.options-invalid` with what to fix. */
export function checkSendOptions<D, R extends CampaignRecipient>(
  o: CampaignSendOptions<D, R>,
  where: string,
): CampaignRetryPolicy {
  if (typeof o !== 'object' || o === null) {
    throw new CampaignError('campaign.options-invalid', `${where}: options must be an object.`);
  }
  if (typeof o.render !== 'function') {
    throw new CampaignError(
      'campaign.options-invalid',
      `${where}: \`render\` must be a function (recipient, data) => message.`,
    );
  }
  if (typeof o.sender !== 'object' || o.sender === null || typeof o.sender.send !== 'function') {
    throw new CampaignError(
      'campaign.options-invalid',
      `${where}: \`sender\` must be a sender from createSesSender().`,
    );
  }
  positive('maxSendRate', o.maxSendRate, false);
  positive('concurrency', o.concurrency, true, 1000);
  if (o.retryAmbiguous !== undefined && typeof o.retryAmbiguous !== 'boolean') {
    throw new CampaignError('campaign.options-invalid', `${where}: \`retryAmbiguous\` must be a boolean.`);
  }
  return retryPolicy(o.retry);
}

/** Fills in the campaign retry defaults (5 attempts, 1 s base, 60 s cap). */
export function retryPolicy(r: CampaignRetryOptions | undefined): CampaignRetryPolicy {
  positive('retry.maxAttempts', r?.maxAttempts, true, 1000);
  positive('retry.baseDelayMs', r?.baseDelayMs, false);
  positive('retry.maxDelayMs', r?.maxDelayMs, false);
  return {
    maxAttempts: r?.maxAttempts ?? 5,
    baseDelayMs: r?.baseDelayMs ?? 1000,
    maxDelayMs: r?.maxDelayMs ?? 60_000,
  };
}

/** The sender's backoff (exponential, full jitter) with the campaign's base and cap. */
export function backoff(policy: CampaignRetryPolicy, retry: number): number {
  return backoffDelay(
    resolveRetryPolicy({ baseDelayMs: policy.baseDelayMs, maxDelayMs: policy.maxDelayMs }),
    retry,
  );
}
