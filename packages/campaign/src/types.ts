import type { ComposeInput } from '@rawmail/compose';
import type { SendableMessage, SendOptions, SesSender } from '@rawmail/ses';

/**
 * One recipient: an address, or an object with an `address` plus any JSON fields your `render` uses (name,
 * unsubscribe token…). A campaign identifies a recipient by its address, compared case-insensitively: a repeated
 * address is counted in `duplicates` and gets no second message.
 */
export type CampaignRecipient =
  | string
  | {
      /** The recipient's address: the envelope recipient of their message. */
      readonly address: string;
    };

/** What `render` may return: a `compose()` input (composed for you), or a message `sender.send` accepts. */
export type RenderedMessage = ComposeInput | SendableMessage;

/**
 * Builds one recipient's message. Runs in the process that sends, once per recipient and run (retries reuse it). The message is sent to the
 * recipient's address only (it is the envelope), whatever the headers say.
 */
export type RenderFn<D = unknown, R extends CampaignRecipient = CampaignRecipient> = (
  recipient: R,
  data: D,
) => RenderedMessage | Promise<RenderedMessage>;

/** Final status of one recipient. */
export type OutcomeStatus = 'sent' | 'failed' | 'ambiguous' | 'skipped';

/** The one outcome of one recipient. */
export interface RecipientOutcome {
  /** The recipient's address as given. */
  recipient: string;
  /**
   * `sent`: SES accepted it. `failed`: SES refused it for good, or retries ran out. `ambiguous`: an attempt may
   * have reached SES but its answer was lost (crash, reset, timeout); not re-sent unless `retryAmbiguous`.
   * `skipped`: nothing was sent — the rendered message failed validation or could not be rendered.
   */
  status: OutcomeStatus;
  /** SES's MessageId, for `sent`. */
  messageId?: string;
  /** Why, for `failed`, `ambiguous` and `skipped`: an `SesSendError` code, `ses.validation-failed`, a `CampaignError` or `ComposeError` code. */
  code?: string;
  /** Human-readable reason, for `failed`, `ambiguous` and `skipped`. */
  message?: string;
  /** Validator issue codes (errors), for `skipped` with code `ses.validation-failed`. */
  issues?: string[];
  /** Send attempts started for this recipient (0 when skipped before sending). */
  attempts: number;
}

/** Why a campaign stopped sending before its end. */
export interface CampaignPause {
  /** The `SesSendError` code that stopped it (e.g. `DailyQuotaExceeded`, `AccountSendingPaused`). */
  code: string;
  /** SES's message. */
  message: string;
}

/** Where a campaign stands: one outcome per finished recipient, counts for the rest. */
export interface CampaignReport {
  /** The campaign id. */
  id: string;
  /** `completed`: every recipient has an outcome. `paused`: an account-wide SES error stopped it; run again later. `aborted`: the signal fired. `running`: a BullMQ campaign still in progress. */
  state: 'completed' | 'paused' | 'aborted' | 'running';
  /** Why it paused, when `state` is `paused`. */
  paused?: CampaignPause;
  /** Distinct recipients. */
  total: number;
  /** Recipients SES accepted. */
  sent: number;
  /** Recipients that failed for good. */
  failed: number;
  /** Recipients whose attempt may or may not have been sent. */
  ambiguous: number;
  /** Recipients not sent because their message failed validation or rendering. */
  skipped: number;
  /** Recipients without an outcome yet (paused, aborted or still running). */
  pending: number;
  /** Entries whose address repeated an earlier entry's: not sent again, no outcome of their own. */
  duplicates: number;
  /** One outcome per finished recipient. */
  outcomes: RecipientOutcome[];
}

/** A progress snapshot, emitted as outcomes arrive. */
export interface CampaignProgress {
  /** The campaign id. */
  id: string;
  /** Distinct recipients, when known (an async iterable's total is known once it has ended). */
  total: number | undefined;
  /** Recipients with an outcome (including those finished by an earlier run). */
  done: number;
  /** Recipients SES accepted. */
  sent: number;
  /** Recipients that failed for good. */
  failed: number;
  /** Recipients whose outcome is unknown. */
  ambiguous: number;
  /** Recipients not sent (validation or render failure). */
  skipped: number;
  /** Outcomes per second over the last few seconds. */
  ratePerSecond: number;
  /** Estimated seconds to the end at the current rate; undefined while the total or the rate is unknown. */
  etaSeconds: number | undefined;
}

/** Retry policy of the campaign layer (on top of the sender's own retries, see docs/campaigns.md). */
export interface CampaignRetryOptions {
  /** Send attempts per recipient for retryable SES errors (throttling, 5xx, failures before sending). Default 5. */
  maxAttempts?: number;
  /** Base delay in ms of the exponential backoff with full jitter. Default 1,000. */
  baseDelayMs?: number;
  /** Cap of one delay in ms. Default 60,000. */
  maxDelayMs?: number;
}

/** What both backends share: how to render and send. */
export interface CampaignSendOptions<D = unknown, R extends CampaignRecipient = CampaignRecipient> {
  /** Builds each recipient's message. */
  render: RenderFn<D, R>;
  /** The `@rawmail/ses` sender. Create it with `retry: { maxAttempts: 1 }` so every request passes the campaign's rate limit and retry policy. */
  sender: SesSender;
  /** Options of every send (source, configuration set, tags…); the destination is always the recipient. */
  sendOptions?: Omit<SendOptions, 'destinations'>;
  /** Maximum requests per second to SES (each message has one recipient, so this is SES's sending rate). */
  maxSendRate?: number;
  /** Sends in flight at once (per process for BullMQ workers). Default 4. */
  concurrency?: number;
  /**
   * Retry ambiguous failures (a reset or timeout after the request was written) and re-send recipients whose
   * attempt was interrupted by a crash, instead of reporting them `ambiguous`. May deliver twice. Default false.
   */
  retryAmbiguous?: boolean;
  /** Retries of retryable SES errors. */
  retry?: CampaignRetryOptions;
}
