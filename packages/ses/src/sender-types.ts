import type { CustomProfile, ProfileName, ValidationReport } from '@rawmail/validate';
import type { SesAccountInfo } from './account.js';
import type { RetryOptions } from './backoff.js';
import type { AwsClientLike } from './client-kind.js';
import type { SesSendError } from './errors.js';
import type { SendableMessage } from './message-input.js';
import type { SesObservers } from './observe.js';

/** An SES message tag (`Tags` in v1, `EmailTags` in v2): `[A-Za-z0-9_-]{1,256}` for both. */
export interface SesTag {
  /** Tag name (`Name`); a per-send tag replaces a sender tag with the same name. */
  name: string;
  /** Tag value (`Value`). */
  value: string;
}

/** Options of `createSesSender`; `onAttempt`, `onBatch` and `logger` are described in `SesObservers`. */
export interface SesSenderOptions extends SesObservers {
  /** An `SESv2Client` (SendEmail with Content.Raw) or an `SESClient` (SendRawEmail), configured by you. */
  client: AwsClientLike;
  /** Validation profile; default `ses-v2` for an SESv2Client, `ses-v1` for an SESClient. */
  profile?: ProfileName | CustomProfile;
  /** Configuration set for every send (a send's own option wins). */
  configurationSetName?: string;
  /** Tags for every send (a send's tag with the same name wins). */
  tags?: SesTag[];
  /** The sender's retry policy; the SDK's own retries are disabled for send calls. */
  retry?: RetryOptions;
  /**
   * Maximum recipients per second across all sends of this sender (SES counts each recipient as a message).
   * `'account'` reads the account's own maximum send rate from SES once, before the first send (v2 `GetAccount`,
   * v1 `GetSendQuota` + `GetAccountSendingEnabled`; the IAM policy must allow them, see docs/aws.md).
   */
  maxSendRate?: number | 'account';
}

/** Options of one `send`. */
export interface SendOptions {
  /**
   * Envelope sender (`Source` / `FromEmailAddress`); a non-ASCII display name is RFC 2047-encoded for you.
   * Default: a composed message's `envelope.from`; for bytes, none (SES then uses the From header).
   */
  source?: string;
  /** Envelope recipients; default: the composed envelope, else every To, Cc and Bcc header address. */
  destinations?: string[];
  /** Configuration set (`ConfigurationSetName` in v1 and v2) for this send; overrides the sender's. */
  configurationSetName?: string;
  /**
   * Message tags for this send (v1 `Tags`, v2 `EmailTags`), merged with the sender's `tags`: a tag here replaces
   * the sender's tag of the same name. Checked by the validator before sending.
   */
  tags?: SesTag[];
  /** v1 `SourceArn`; v2 `FromEmailAddressIdentityArn`. */
  sourceArn?: string;
  /** v1 `FromArn`; v2 `FromEmailAddressIdentityArn`. */
  fromArn?: string;
  /** v1 `ReturnPathArn`; refused for v2 clients (v2 has no such field). */
  returnPathArn?: string;
  /** v2 `FeedbackForwardingEmailAddress` (where bounces and complaints go); refused for v1 clients. */
  feedbackForwardingAddress?: string;
  /** v2 `FeedbackForwardingEmailAddressIdentityArn`; refused for v1 clients. */
  feedbackForwardingArn?: string;
  /** v2 `ListManagementOptions` (SES contact lists and topics); refused for v1 clients. */
  listManagement?: {
    /** `ContactListName`. */
    contactListName: string;
    /** `TopicName`. */
    topicName?: string;
  };
  /** v2 `TenantName` (SES tenants); refused for v1 clients. */
  tenantName?: string;
  /** v2 `EndpointId` (a multi-region endpoint; the client needs SigV4a support); refused for v1 clients. */
  endpointId?: string;
  /**
   * Stops the send: no attempt starts after it fires, and an attempt in flight settles at once with code
   * `Aborted` (ambiguous: the request may have reached SES). For `sendMany`, batches not yet started are reported
   * `NotAttempted`.
   */
  signal?: AbortSignal;
}

/** The result of a successful `send`. */
export interface SendResult {
  /** SES's MessageId (the final Message-ID header is `<MessageId@region.amazonses.com>`). */
  messageId: string;
  /** Requests made, 1 + retries. */
  attempts: number;
  /** The validation report of the bytes that were sent. */
  report: ValidationReport;
  /** The envelope recipients the request carried. */
  destinations: string[];
}

/** Options of `sendMany`: those of `send` without `destinations`, plus batching. */
export interface SendManyOptions extends Omit<SendOptions, 'destinations'> {
  /** Audience addresses per send, at most 50 (fewer when the headers already hold addresses). Default 50. */
  batchSize?: number;
  /** Batches in flight at once. Default 4. */
  concurrency?: number;
}

/** The outcome of one batch; every batch is reported exactly once. */
export interface BatchResult {
  /** This batch's audience addresses (deduplicated case-insensitively, input order): its envelope recipients. */
  recipients: string[];
  /** `sent` when SES accepted the request; `failed` when it failed or was not attempted. */
  status: 'sent' | 'failed';
  /** SES's MessageId for this batch; set only when `status` is `sent`. */
  messageId?: string;
  /**
   * Why the batch failed; set only when `status` is `failed`. Code `NotAttempted` (with the stopping error or the
   * abort reason as `cause`) when an earlier batch's account- or sender-wide error, or the caller's `signal`,
   * stopped the run before this batch started.
   */
  error?: SesSendError;
  /** Requests made for this batch (0 when not attempted). */
  attempts: number;
}

/** The result of `sendMany`. `sent` and `failed` count recipients. */
export interface SendManyResult {
  /** One result per batch, in recipient order. */
  batches: BatchResult[];
  /** Recipients in batches SES accepted. */
  sent: number;
  /** Recipients in batches that failed or were not attempted. */
  failed: number;
  /** The validation report of the bytes every batch sent. */
  report: ValidationReport;
}

/** A validate-then-send SES sender. */
export interface SesSender {
  /** Validates `message`, then sends exactly those bytes once (plus safe retries). */
  send(message: SendableMessage, options?: SendOptions): Promise<SendResult>;
  /** Validates once, then sends the same bytes to `recipients` in batches of ≤ 50. */
  sendMany(
    message: SendableMessage,
    recipients: readonly string[],
    options?: SendManyOptions,
  ): Promise<SendManyResult>;
  /** Which SES API the client speaks (resolved on first use). */
  apiVersion(): Promise<'v1' | 'v2'>;
  /** The client's region, when it has one (SES's Message-ID domain depends on it). */
  region(): Promise<string | undefined>;
  /**
   * Asks SES for the account's quota and sending status in the client's region (v2 `GetAccount`, v1
   * `GetSendQuota` + `GetAccountSendingEnabled`). Fails with `SesSendError` (e.g. `AccessDenied` for bad
   * credentials) or `SesOptionsError` (client without region or credentials).
   */
  account(options?: { signal?: AbortSignal }): Promise<SesAccountInfo>;
}
