import type { SesErrorCode } from './errors.js';

/**
 * SES errors that concern the whole account or sender, not one message: after one of them no other message can
 * succeed either. `sendMany` stops at the first (the remaining batches are `NotAttempted`); a campaign pauses.
 * Recipient-specific errors (e.g. a sandbox `MessageRejected` for an unverified recipient) are not in it.
 */
export const ACCOUNT_WIDE_ERRORS: ReadonlySet<SesErrorCode> = new Set<SesErrorCode>([
  'DailyQuotaExceeded',
  'AccountSendingPaused',
  'AccountSuspended',
  'ConfigurationSetDoesNotExist',
  'ConfigurationSetSendingPaused',
  'MailFromDomainNotVerified',
  'AccessDenied',
  'InvalidCredentials',
]);
