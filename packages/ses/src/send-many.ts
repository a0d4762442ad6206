import { checkAddrSpec } from '@rawmail/mime/address';
import type { ValidationIssue, ValidationReport } from '@rawmail/validate';
import { sendWithRetries } from './attempt-loop.js';
import { splitIntoBatches } from './batching.js';
import { classifyError } from './classify-error.js';
import { splitByRole, uniqueAddresses } from './envelope.js';
import { type SesErrorCode, SesOptionsError, SesSendError, ValidationFailedError } from './errors.js';
import { normalizeMessage } from './message-input.js';
import { parseOptions, sendManyOptionsSchema } from './options.js';
import { prepare, type SenderCore } from './prepare.js';
import { toCommandInput } from './request.js';
import type { BatchResult, SendManyOptions, SendManyResult } from './sender-types.js';

/** Default batches in flight. */
export const DEFAULT_CONCURRENCY = 4;

/**
 * Errors after which no further batch can succeed (account- or sender-wide): the remaining batches are not
 * attempted and are reported failed with code `NotAttempted`. Recipient-specific errors (e.g. a sandbox
 * `MessageRejected` for an unverified recipient) do not stop the run.
 */
const STOPS_RUN = new Set<SesErrorCode>([
  'DailyQuotaExceeded',
  'AccountSendingPaused',
  'AccountSuspended',
  'ConfigurationSetDoesNotExist',
  'ConfigurationSetSendingPaused',
  'MailFromDomainNotVerified',
  'AccessDenied',
  'InvalidCredentials',
]);

function audienceIssues(audience: readonly string[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const address of audience) {
    for (const p of checkAddrSpec(address)) {
      issues.push({
        code: p.code,
        severity: 'error',
        message: `Recipient ${JSON.stringify(address)}: ${p.message}`,
        header: 'destinations',
        ...(p.hint === undefined ? {} : { hint: p.hint }),
      });
    }
  }
  return issues;
}

/**
 * `sendMany`: validates the message once (with the first recipient as its destination) and every recipient
 * address, then sends the same validated bytes to each batch, the batch in the envelope only. Each batch is
 * reported exactly once, in input order, whatever fails.
 */
export async function sendManyWith(
  core: SenderCore,
  message: unknown,
  recipients: readonly string[],
  options: SendManyOptions | undefined,
): Promise<SendManyResult> {
  const opts = parseOptions(sendManyOptionsSchema, options, 'sendMany');
  if (!Array.isArray(recipients) || recipients.some((r) => typeof r !== 'string')) {
    throw new SesOptionsError(
      'ses.options-invalid',
      'sendMany: `recipients` must be an array of address strings.',
    );
  }
  const normalized = normalizeMessage(message); // before any await: snapshot of the caller's bytes
  const audience = uniqueAddresses(recipients);
  const { batchSize, concurrency, ...sendOpts } = opts;
  const prepared = await prepare(
    core,
    normalized,
    {
      ...sendOpts,
      ...(audience.length > 0 ? { destinations: audience.slice(0, 1) } : {}),
    },
    true,
  );
  const issues = audienceIssues(audience);
  if (issues.length > 0) {
    const report: ValidationReport = {
      ...prepared.report,
      ok: false,
      issues: [...prepared.report.issues, ...issues],
    };
    throw new ValidationFailedError(report);
  }
  const header = prepared.report.recipients;
  const headerCount = uniqueAddresses([...header.to, ...header.cc, ...header.bcc]).length;
  const batches = splitIntoBatches(audience, batchSize ?? 50, headerCount);
  const { attempt } = await core.context();
  const results: (BatchResult | undefined)[] = new Array(batches.length);
  let stoppedBy: SesSendError | undefined;
  let next = 0;

  const record = (i: number, r: BatchResult) => {
    if (results[i] !== undefined) throw new Error(`internal: batch ${i} reported twice`);
    results[i] = r;
  };
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= batches.length) return;
      const batch = batches[i]!;
      if (stoppedBy) {
        record(i, {
          recipients: batch,
          status: 'failed',
          attempts: 0,
          error: new SesSendError(
            `Not attempted: an earlier batch failed with ${stoppedBy.code}: ${stoppedBy.message}`,
            {
              code: 'NotAttempted',
              retryable: stoppedBy.code === 'Throttling' || stoppedBy.code === 'DailyQuotaExceeded',
              ambiguous: false,
              attempts: 0,
              cause: stoppedBy,
            },
          ),
        });
        continue;
      }
      try {
        const input = toCommandInput(prepared.api, {
          ...prepared.request,
          recipients: splitByRole(batch, header),
        });
        const out = await sendWithRetries(attempt, input, batch.length);
        record(i, { recipients: batch, status: 'sent', messageId: out.messageId, attempts: out.attempts });
      } catch (e) {
        const error = classifyError(e, 0);
        if (STOPS_RUN.has(error.code)) stoppedBy ??= error;
        record(i, { recipients: batch, status: 'failed', error, attempts: error.attempts });
      }
    }
  };
  const workers = Math.min(concurrency ?? DEFAULT_CONCURRENCY, batches.length);
  await Promise.all(Array.from({ length: workers }, worker));

  let sent = 0;
  let failed = 0;
  const out: BatchResult[] = results.map((r, i) => {
    if (r === undefined) throw new Error(`internal: batch ${i} has no result`);
    if (r.status === 'sent') sent += r.recipients.length;
    else failed += r.recipients.length;
    return r;
  });
  return { batches: out, sent, failed, report: prepared.report };
}
