import { ACCOUNT_WIDE_ERRORS, type SesSendError } from '@rawmail/ses';
import type { RecipientOutcome } from './types.js';

/** SES errors after which no other recipient can be sent either: the campaign pauses (as `sendMany` stops). */
export const PAUSES_CAMPAIGN: ReadonlySet<string> = ACCOUNT_WIDE_ERRORS;

/** What to do after a failed `send`. */
export type Decision =
  /** Final outcome for this recipient. */
  | { kind: 'final'; outcome: Omit<RecipientOutcome, 'recipient' | 'attempts'> }
  /** Nothing was sent; try again after a backoff. */
  | { kind: 'retry'; code: string; message: string }
  /** Nothing was sent; stop the whole campaign (account-wide error). */
  | { kind: 'pause'; code: string; message: string }
  /** A programmer error (bad sender options): nothing was sent; stop and reject with it. */
  | { kind: 'fatal'; error: unknown };

function isSesSendError(e: unknown): e is SesSendError {
  return (
    e instanceof Error &&
    e.name === 'SesSendError' &&
    typeof (e as { retryable?: unknown }).retryable === 'boolean'
  );
}

/**
 * Classifies what `sender.send` (or rendering) threw. `retryAmbiguous` turns an ambiguous failure into a retry.
 * Anything that is neither an `SesSendError` nor a validation / render error fails the recipient with its code
 * (or `Unknown`), so one odd error never stops the others.
 */
export function decide(error: unknown, retryAmbiguous: boolean): Decision {
  const e = error as { name?: unknown; code?: unknown; message?: unknown; report?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(error);
  if (isSesSendError(error)) {
    if (PAUSES_CAMPAIGN.has(error.code)) return { kind: 'pause', code: error.code, message };
    if (error.ambiguous) {
      if (retryAmbiguous && error.code !== 'Unknown') return { kind: 'retry', code: error.code, message };
      return { kind: 'final', outcome: { status: 'ambiguous', code: error.code, message } };
    }
    if (error.retryable) return { kind: 'retry', code: error.code, message };
    return { kind: 'final', outcome: { status: 'failed', code: error.code, message } };
  }
  if (e?.name === 'SesOptionsError' && e.code !== 'ses.message-type') return { kind: 'fatal', error };
  if (e?.code === 'ses.validation-failed') {
    const report = e.report as { issues?: { code: string; severity: string }[] } | undefined;
    const issues = (report?.issues ?? []).filter((i) => i.severity === 'error').map((i) => i.code);
    return { kind: 'final', outcome: { status: 'skipped', code: 'ses.validation-failed', message, issues } };
  }
  const code = typeof e?.code === 'string' ? e.code : 'Unknown';
  if (code.startsWith('compose.') || code.startsWith('campaign.') || code === 'ses.message-type') {
    return { kind: 'final', outcome: { status: 'skipped', code, message } };
  }
  return { kind: 'final', outcome: { status: 'failed', code, message } };
}
