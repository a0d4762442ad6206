/**
 * @rawmail/ses — validate-then-send for Amazon SES raw email (v2 `SendEmail` with `Content.Raw`, v1
 * `SendRawEmail`): bulk batching under the 50-recipient cap, rate limiting, and a retry policy that knows which
 * SES failures are safe to retry.
 * @packageDocumentation
 */

export type { SesAccountInfo } from './account.js';
export { ACCOUNT_WIDE_ERRORS } from './account-wide-errors.js';
export type { RetryOptions, RetryPolicy } from './backoff.js';
export { backoffDelay, resolveRetryPolicy } from './backoff.js';
export { SES_MAX_RECIPIENTS_PER_MESSAGE } from './batching.js';
export { classifyError } from './classify-error.js';
export type { ApiVersion, AwsClientLike } from './client-kind.js';
export type { SesErrorCode, SesOptionsErrorCode, SesSendErrorDetails } from './errors.js';
export { SesOptionsError, SesSendError, ValidationFailedError } from './errors.js';
export type { ComposedMessageLike, SendableMessage } from './message-input.js';
export type { AttemptEvent, BatchEvent, SesLogger, SesObservers } from './observe.js';
export { createSesSender } from './sender.js';
export type {
  BatchResult,
  SendManyOptions,
  SendManyResult,
  SendOptions,
  SendResult,
  SesSender,
  SesSenderOptions,
  SesTag,
} from './sender-types.js';
export { VERSION } from './version.js';
