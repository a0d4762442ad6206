import { setMaxListeners } from 'node:events';
import { checkAddrSpec } from '@rawmail/mime/address';
import type { ValidationIssue, ValidationReport } from '@rawmail/validate';
import { ACCOUNT_WIDE_ERRORS } from './account-wide-errors.js';
import { abortedError, sendWithRetries } from './attempt-loop.js';
import { splitIntoBatches } from './batching.js';
import { classifyError } from './classify-error.js';
import { splitByRole, uniqueAddresses } from './envelope.js';
import { SesOptionsError, SesSendError, ValidationFailedError } from './errors.js';
import { normalizeMessage } from './message-input.js';
import { notify, safeLog } from './observe.js';
import { parseOptions, sendManyOptionsSchema } from './options.js';
import { prepare, type SenderCore } from './prepare.js';
import { toCommandInput } from './request.js';
import type { BatchResult, SendManyOptions, SendManyResult } from './sender-types.js';

/** Default batches in flight. */
export const DEFAULT_CONCURRENCY = 4;

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

/** An AbortSignal that aborts with `source`, allowing `listeners` listeners; `unlink` detaches it. */
function linkedSignal(source: AbortSignal, listeners: number): { signal: AbortSignal; unlink: () => void } {
  const inner = new AbortController();
  setMaxListeners(Math.max(listeners, 10), inner.signal);
  const onAbort = () => inner.abort(source.reason);
  if (source.aborted) onAbort();
  else source.addEventListener('abort', onAbort, { once: true });
  return { signal: inner.signal, unlink: () => source.removeEventListener('abort', onAbort) };
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
  const { batchSize, concurrency, signal: callerSignal, ...sendOpts } = opts;
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
  const { observers } = attempt;
  let stoppedBy: SesSendError | undefined;
  let next = 0;
  let settled = 0;

  const record = (i: number, r: BatchResult) => {
    if (results[i] !== undefined) throw new Error(`internal: batch ${i} reported twice`);
    results[i] = r;
    settled++;
    notify(observers, observers.onBatch, { ...r, index: i, total: batches.length, settled });
    safeLog(
      observers,
      r.status === 'sent' ? 'info' : 'error',
      {
        batch: i,
        total: batches.length,
        recipients: r.recipients.length,
        status: r.status,
        attempts: r.attempts,
        ...(r.messageId === undefined ? {} : { messageId: r.messageId }),
        ...(r.error === undefined ? {} : { code: r.error.code, ambiguous: r.error.ambiguous }),
      },
      `sendMany batch ${i + 1}/${batches.length} ${r.status}${r.error ? ` (${r.error.code})` : ''}`,
    );
  };
  const notAttempted = (batch: string[], cause: SesSendError, why: string): BatchResult => ({
    recipients: batch,
    status: 'failed',
    attempts: 0,
    error: new SesSendError(why, {
      code: 'NotAttempted',
      retryable:
        cause.code === 'Throttling' || cause.code === 'DailyQuotaExceeded' || cause.code === 'Aborted',
      ambiguous: false,
      attempts: 0,
      cause,
    }),
  });
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= batches.length) return;
      const batch = batches[i]!;
      if (signal?.aborted) {
        const abort = abortedError(signal.reason, 0, false);
        record(i, notAttempted(batch, abort, `Not attempted: ${abort.message}`));
        continue;
      }
      if (stoppedBy) {
        record(
          i,
          notAttempted(
            batch,
            stoppedBy,
            `Not attempted: an earlier batch failed with ${stoppedBy.code}: ${stoppedBy.message}`,
          ),
        );
        continue;
      }
      try {
        const input = toCommandInput(prepared.api, {
          ...prepared.request,
          recipients: splitByRole(batch, header),
        });
        const out = await sendWithRetries(attempt, input, batch.length, { signal, batch: i });
        record(i, { recipients: batch, status: 'sent', messageId: out.messageId, attempts: out.attempts });
      } catch (e) {
        const error = classifyError(e, 0);
        if (ACCOUNT_WIDE_ERRORS.has(error.code)) stoppedBy ??= error;
        // Aborted while waiting for its first attempt (rate limit): never tried.
        if (error.code === 'Aborted' && error.attempts === 0) {
          record(i, notAttempted(batch, error, `Not attempted: ${error.message}`));
        } else record(i, { recipients: batch, status: 'failed', error, attempts: error.attempts });
      }
    }
  };
  const workers = Math.min(concurrency ?? DEFAULT_CONCURRENCY, batches.length);
  // One internal signal follows the caller's: every worker listens to it (two listeners each at most), and its
  // listener limit is raised to match, so a high concurrency does not trip Node's leak warning on the caller's.
  const link = callerSignal ? linkedSignal(callerSignal, workers * 2 + 1) : undefined;
  const signal = link?.signal;
  try {
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    link?.unlink();
  }

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
