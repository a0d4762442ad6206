import { type SesErrorCode, SesSendError } from './errors.js';
import { ruleCodeForSesText } from './ses-texts.js';

/** Network error codes raised before any byte of the request could reach SES: safe to retry. */
const BEFORE_REQUEST_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
/** Network error codes that can happen after the request was written: SES may have sent the message. */
const AFTER_REQUEST_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

/** SES / SDK error names (v1 query codes and v2 exception names), without an `Exception` suffix. */
const BY_NAME: Record<string, { code: SesErrorCode; retryable: boolean }> = {
  Throttling: { code: 'Throttling', retryable: true },
  ThrottlingException: { code: 'Throttling', retryable: true },
  TooManyRequests: { code: 'Throttling', retryable: true },
  MessageRejected: { code: 'MessageRejected', retryable: false },
  InvalidParameterValue: { code: 'InvalidParameterValue', retryable: false },
  BadRequest: { code: 'InvalidParameterValue', retryable: false },
  ValidationError: { code: 'InvalidParameterValue', retryable: false },
  MailFromDomainNotVerified: { code: 'MailFromDomainNotVerified', retryable: false },
  ConfigurationSetDoesNotExist: { code: 'ConfigurationSetDoesNotExist', retryable: false },
  ConfigurationSetSendingPaused: { code: 'ConfigurationSetSendingPaused', retryable: false },
  AccountSendingPaused: { code: 'AccountSendingPaused', retryable: false },
  SendingPaused: { code: 'AccountSendingPaused', retryable: false },
  AccountSuspended: { code: 'AccountSuspended', retryable: false },
  NotFound: { code: 'NotFound', retryable: false },
  LimitExceeded: { code: 'LimitExceeded', retryable: false },
  AccessDenied: { code: 'AccessDenied', retryable: false },
  InvalidClientTokenId: { code: 'AccessDenied', retryable: false },
  SignatureDoesNotMatch: { code: 'AccessDenied', retryable: false },
  UnrecognizedClient: { code: 'AccessDenied', retryable: false },
  CredentialsProviderError: { code: 'InvalidCredentials', retryable: false },
  InternalFailure: { code: 'ServerError', retryable: true },
  ServiceUnavailable: { code: 'ServerError', retryable: true },
};

interface SdkErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

const DAILY_QUOTA = /daily message quota exceeded/i;

function base(name: string): string {
  return name.endsWith('Exception') ? name.slice(0, -'Exception'.length) : name;
}

/**
 * Turns anything the SDK threw for a send into a `SesSendError`: SES's code normalised across v1 and v2,
 * SES's own message, whether a retry is safe (`retryable`), whether SES may already have sent it (`ambiguous`),
 * and the validator rule code whose check prevents this SES error when the text matches one.
 * `timedOut` says the sender's own per-attempt timeout fired.
 */
export function classifyError(error: unknown, attempts: number, timedOut = false): SesSendError {
  if (error instanceof SesSendError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorLike;
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const message = typeof e.message === 'string' && e.message !== '' ? e.message : String(error);
  const status = e.$metadata?.httpStatusCode;
  const requestId = e.$metadata?.requestId;
  const netCode = typeof e.code === 'string' ? e.code : undefined;
  const common = { attempts, cause: error, httpStatus: status, requestId };

  if (timedOut || name === 'AbortError') {
    return new SesSendError(
      `No answer from SES within the attempt timeout; the message may have been sent.`,
      {
        ...common,
        code: 'Timeout',
        retryable: false,
        ambiguous: true,
        // The sender's own deadline has no SES or SDK name.
        ...(timedOut ? {} : { sesCode: name }),
      },
    );
  }
  if (status === undefined || status === -1) {
    if (netCode && BEFORE_REQUEST_CODES.has(netCode)) {
      return new SesSendError(`Could not connect to SES (${netCode}): ${message}`, {
        ...common,
        code: 'Network',
        retryable: true,
        ambiguous: false,
        sesCode: netCode,
      });
    }
    if (name === 'TimeoutError' && /did not establish a connection/.test(message)) {
      return new SesSendError(`Could not connect to SES in time: ${message}`, {
        ...common,
        code: 'Network',
        retryable: true,
        ambiguous: false,
        sesCode: name,
      });
    }
    if (
      (netCode && AFTER_REQUEST_CODES.has(netCode)) ||
      name === 'TimeoutError' ||
      /socket hang up/i.test(message)
    ) {
      return new SesSendError(
        `The connection to SES failed after the request was sent (${netCode ?? name}); the message may have been sent: ${message}`,
        {
          ...common,
          // The SDK names resets `TimeoutError` too; only a real timeout is reported as one.
          code: netCode === 'ETIMEDOUT' || (name === 'TimeoutError' && !netCode) ? 'Timeout' : 'Network',
          retryable: false,
          ambiguous: true,
          sesCode: netCode ?? name,
        },
      );
    }
  }

  // v1 answers `Throttling` for both the rate and the daily quota; only the text tells them apart.
  if (DAILY_QUOTA.test(message)) {
    return new SesSendError(message, {
      ...common,
      code: 'DailyQuotaExceeded',
      retryable: false,
      ambiguous: false,
      sesCode: name,
    });
  }
  const known = BY_NAME[name] ?? BY_NAME[base(name)];
  const ruleCode = ruleCodeForSesText(message);
  if (known)
    return new SesSendError(message, { ...common, ...known, ambiguous: false, sesCode: name, ruleCode });
  if (status !== undefined && status >= 500) {
    return new SesSendError(`SES answered HTTP ${status} (${name}): ${message}`, {
      ...common,
      code: 'ServerError',
      retryable: true,
      ambiguous: false,
      sesCode: name,
    });
  }
  if (status === 429) {
    return new SesSendError(message, {
      ...common,
      code: 'Throttling',
      retryable: true,
      ambiguous: false,
      sesCode: name,
    });
  }
  // A 2xx whose body could not be read: SES accepted the request.
  const accepted = status !== undefined && status >= 200 && status < 300;
  return new SesSendError(
    accepted ? `SES accepted the request but its answer could not be read: ${message}` : message,
    { ...common, code: 'Unknown', retryable: false, ambiguous: accepted, sesCode: name, ruleCode },
  );
}
