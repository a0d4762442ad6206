import { backoffDelay, type RetryPolicy } from './backoff.js';
import { bounded, Interrupted, sleepUnlessAborted } from './bounded.js';
import { classifyError } from './classify-error.js';
import type { AwsClientLike } from './client-kind.js';
import { SesSendError } from './errors.js';
import { type AttemptEvent, notify, type SesObservers, safeLog } from './observe.js';
import type { RateLimiter } from './rate-limiter.js';
import { makeSingleAttempt } from './single-attempt.js';

/** What the attempt loop needs to send one request. */
export interface AttemptContext {
  client: AwsClientLike;
  Command: new (input: object) => object;
  policy: RetryPolicy;
  limiter: RateLimiter | undefined;
  observers: SesObservers;
}

/** Per-call extras of the attempt loop. */
export interface AttemptCall {
  /** The caller's signal: no attempt starts after it fired, and an attempt in flight settles at once. */
  signal?: AbortSignal | undefined;
  /** `sendMany` batch index, for observers. */
  batch?: number;
}

/** The error for a caller's abort; ambiguous when a request was in flight. */
export function abortedError(reason: unknown, attempts: number, inFlight: boolean, last?: SesSendError) {
  const why =
    reason instanceof Error ? `: ${reason.message}` : reason === undefined ? '' : `: ${String(reason)}`;
  return new SesSendError(
    inFlight
      ? `Aborted by the caller while the request was in flight; the message may have been sent${why}`
      : `Aborted by the caller before ${attempts === 0 ? 'the first attempt' : `attempt ${attempts + 1}`}${why}`,
    { code: 'Aborted', retryable: false, ambiguous: inFlight, attempts, cause: last ?? reason },
  );
}

/**
 * Sends one request with the sender's retry policy: one SDK attempt per try (the client's own retries are
 * overridden), rate-limited per try, exponential backoff with full jitter between tries. Retries only what
 * `classifyError` marks retryable, plus ambiguous failures when `policy.ambiguous` is set. Each attempt settles
 * within `policy.attemptTimeoutMs` whether or not the client honours its AbortSignal; the caller's `signal`
 * stops it between attempts and settles an attempt in flight.
 */
export async function sendWithRetries(
  ctx: AttemptContext,
  input: Record<string, unknown>,
  recipientCount: number,
  call: AttemptCall = {},
): Promise<{ messageId: string; attempts: number }> {
  const { policy } = ctx;
  const { signal } = call;
  let last: SesSendError | undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      if (signal?.aborted) throw new Interrupted('aborted', signal.reason);
      if (ctx.limiter) await ctx.limiter.acquire(recipientCount, signal);
    } catch (e) {
      if (e instanceof Interrupted) throw abortedError(e.reason, attempt - 1, false, last);
      throw e;
    }
    const started = performance.now();
    let error: SesSendError;
    try {
      const command = makeSingleAttempt(new ctx.Command(input));
      const out = (await bounded(
        (abortSignal) => ctx.client.send(command as never, { abortSignal }),
        policy.attemptTimeoutMs,
        signal,
      )) as { MessageId?: string } | undefined;
      if (typeof out?.MessageId !== 'string' || out.MessageId === '') {
        throw new SesSendError('SES answered without a MessageId; the message may have been sent.', {
          code: 'Unknown',
          retryable: false,
          ambiguous: true,
          attempts: attempt,
        });
      }
      report(ctx, call, attempt, recipientCount, started, { messageId: out.MessageId });
      return { messageId: out.MessageId, attempts: attempt };
    } catch (e) {
      error =
        e instanceof Interrupted && e.kind === 'aborted'
          ? abortedError(e.reason, attempt, true)
          : classifyError(e, attempt, e instanceof Interrupted);
      error.attempts = attempt;
    }
    const again =
      error.code !== 'Aborted' &&
      (error.retryable || (error.ambiguous && policy.ambiguous && error.code !== 'Unknown')) &&
      attempt < policy.maxAttempts;
    const delayMs = again ? backoffDelay(policy, attempt - 1) : undefined;
    report(ctx, call, attempt, recipientCount, started, { error, delayMs });
    if (delayMs === undefined) throw error;
    last = error;
    try {
      await sleepUnlessAborted(policy.sleep, delayMs, signal);
    } catch (e) {
      if (e instanceof Interrupted) throw abortedError(e.reason, attempt, false, last);
      throw e;
    }
  }
}

function report(
  ctx: AttemptContext,
  call: AttemptCall,
  attempt: number,
  recipients: number,
  started: number,
  outcome: { messageId: string } | { error: SesSendError; delayMs: number | undefined },
): void {
  const { observers, policy } = ctx;
  if (!observers.onAttempt && !observers.logger) return;
  const event: AttemptEvent = {
    attempt,
    maxAttempts: policy.maxAttempts,
    recipients,
    outcome: 'messageId' in outcome ? 'sent' : 'failed',
    ambiguous: 'error' in outcome ? outcome.error.ambiguous : false,
    willRetry: 'error' in outcome && outcome.delayMs !== undefined,
    durationMs: performance.now() - started,
  };
  if (call.batch !== undefined) event.batch = call.batch;
  if ('messageId' in outcome) event.messageId = outcome.messageId;
  else {
    event.code = outcome.error.code;
    event.error = outcome.error;
    if (outcome.delayMs !== undefined) event.delayMs = outcome.delayMs;
  }
  notify(observers, observers.onAttempt, event);
  const fields = {
    attempt,
    maxAttempts: policy.maxAttempts,
    recipients,
    ...(call.batch === undefined ? {} : { batch: call.batch }),
    ...('messageId' in outcome
      ? { messageId: outcome.messageId }
      : {
          code: outcome.error.code,
          sesCode: outcome.error.sesCode,
          ambiguous: outcome.error.ambiguous,
          retryable: outcome.error.retryable,
          ...(outcome.delayMs === undefined ? {} : { delayMs: outcome.delayMs }),
        }),
    durationMs: Math.round(event.durationMs),
  };
  if ('messageId' in outcome) safeLog(observers, 'debug', fields, `SES accepted attempt ${attempt}`);
  else if (outcome.delayMs !== undefined)
    safeLog(
      observers,
      'warn',
      fields,
      `SES attempt ${attempt} failed with ${outcome.error.code}; retrying in ${outcome.delayMs} ms`,
    );
  else
    safeLog(
      observers,
      'error',
      fields,
      `SES attempt ${attempt} failed with ${outcome.error.code}${outcome.error.ambiguous ? ' (ambiguous: the message may have been sent)' : ''}: ${outcome.error.message}`,
    );
}
