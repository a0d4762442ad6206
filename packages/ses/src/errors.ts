import { escapeControls } from '@rawmail/mime';
import type { RuleCode, ValidationReport } from '@rawmail/validate';

/**
 * Codes of `SesSendError`. The SES error names are kept as SES spells them (v1 and v2 names normalised to one
 * code each); `Network`, `Timeout`, `ServerError`, `NotAttempted`, `Aborted` and `Unknown` are ours. `Aborted`: the caller's
 * `AbortSignal` fired while the request was in flight (ambiguous) or between attempts (not ambiguous).
 */
export type SesErrorCode =
  | 'Throttling'
  | 'DailyQuotaExceeded'
  | 'MessageRejected'
  | 'InvalidParameterValue'
  | 'MailFromDomainNotVerified'
  | 'ConfigurationSetDoesNotExist'
  | 'ConfigurationSetSendingPaused'
  | 'AccountSendingPaused'
  | 'AccountSuspended'
  | 'NotFound'
  | 'LimitExceeded'
  | 'AccessDenied'
  | 'InvalidCredentials'
  | 'ServerError'
  | 'Network'
  | 'Timeout'
  | 'NotAttempted'
  | 'Aborted'
  | 'Unknown';

/** Everything `SesSendError` carries besides its message. */
export interface SesSendErrorDetails {
  /** Normalised SES / network error code. */
  code: SesErrorCode;
  /** True when sending the same request again may succeed and cannot deliver twice (throttling, 5xx, connect errors). */
  retryable: boolean;
  /**
   * True when the request may have reached SES before the failure (a reset or timeout after the request was
   * written): SES has no idempotency token, so the message may or may not have been sent.
   */
  ambiguous: boolean;
  /** The validator rule code whose check prevents this SES error, when the SES text matches one. */
  ruleCode?: RuleCode;
  /** The error name as SES / the SDK reported it (e.g. `Throttling`, `TooManyRequestsException`, `ECONNRESET`). */
  sesCode?: string;
  /** HTTP status of the response, when there was one. */
  httpStatus?: number;
  /** SES request id, when there was a response. */
  requestId?: string;
  /** How many requests were made for this send (1 + retries). */
  attempts: number;
  /**
   * The underlying error (what the SDK threw; for `NotAttempted`, the batch error that stopped the run), set as
   * the `SesSendError`'s `cause` when defined.
   */
  cause?: unknown;
}

/**
 * A send that SES (or the network) refused. `message` is SES's own text when SES answered, with control
 * characters escaped.
 */
export class SesSendError extends Error {
  /** Normalised SES / network error code. */
  readonly code: SesErrorCode;
  /** Sending the same request again is safe and may succeed. */
  readonly retryable: boolean;
  /** The message may already have been sent (no idempotency token in SES). */
  readonly ambiguous: boolean;
  /** Validator rule code that prevents this SES error, when SES's text matches one. */
  readonly ruleCode: RuleCode | undefined;
  /** Error name as SES or the SDK reported it. */
  readonly sesCode: string | undefined;
  /** HTTP status of SES's answer, if any. */
  readonly httpStatus: number | undefined;
  /** SES request id, if any. */
  readonly requestId: string | undefined;
  /** Requests made for this send (1 + retries); 0 when nothing was attempted. */
  attempts: number;
  constructor(message: string, details: SesSendErrorDetails) {
    super(escapeControls(message), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'SesSendError';
    this.code = details.code;
    this.retryable = details.retryable;
    this.ambiguous = details.ambiguous;
    this.ruleCode = details.ruleCode;
    this.sesCode = details.sesCode;
    this.httpStatus = details.httpStatus;
    this.requestId = details.requestId;
    this.attempts = details.attempts;
  }
}

/** Thrown by `send` (and `sendMany`) when validation found an error: no request was made. */
export class ValidationFailedError extends Error {
  /** Always `ses.validation-failed`. */
  readonly code = 'ses.validation-failed' as const;
  /** The full validation report; `report.issues` has every coded issue. */
  readonly report: ValidationReport;
  constructor(report: ValidationReport) {
    const errors = report.issues.filter((i) => i.severity === 'error');
    const list = errors
      .slice(0, 5)
      .map((i) => `${i.code}: ${i.message}`)
      .join('; ');
    const more = errors.length > 5 ? ` (and ${errors.length - 5} more)` : '';
    super(escapeControls(`Message not sent: validation found ${errors.length} error(s): ${list}${more}`));
    this.name = 'ValidationFailedError';
    this.report = report;
  }
}

/**
 * Codes of `SesOptionsError`: bad arguments to `createSesSender`, `send`, `sendMany` or the nodemailer transport,
 * and a misconfigured client (`ses.client-region-missing`, `ses.client-credentials-missing`: found before any
 * request is made).
 */
export type SesOptionsErrorCode =
  | 'ses.options-invalid'
  | 'ses.client-unsupported'
  | 'ses.peer-missing'
  | 'ses.message-type'
  | 'ses.option-unsupported-by-api'
  | 'ses.batch-capacity'
  | 'ses.client-region-missing'
  | 'ses.client-credentials-missing';

/**
 * Bad arguments or a misconfigured client: the message says which option and how to fix it (control characters
 * escaped). No request was made.
 */
export class SesOptionsError extends Error {
  /** Which kind of bad argument. */
  readonly code: SesOptionsErrorCode;
  constructor(code: SesOptionsErrorCode, message: string, options?: { cause?: unknown }) {
    super(escapeControls(message), options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SesOptionsError';
    this.code = code;
  }
}
