import { backoffDelay, type RetryPolicy } from './backoff.js';
import { classifyError } from './classify-error.js';
import type { AwsClientLike } from './client-kind.js';
import { SesSendError } from './errors.js';
import type { RateLimiter } from './rate-limiter.js';
import { makeSingleAttempt } from './single-attempt.js';

/** What the attempt loop needs to send one request. */
export interface AttemptContext {
  client: AwsClientLike;
  Command: new (input: object) => object;
  policy: RetryPolicy;
  limiter: RateLimiter | undefined;
}

/**
 * Sends one request with the sender's retry policy: one SDK attempt per try (the client's own retries are
 * overridden), rate-limited per try, exponential backoff with full jitter between tries. Retries only what
 * `classifyError` marks retryable, plus ambiguous failures when `policy.ambiguous` is set.
 */
export async function sendWithRetries(
  ctx: AttemptContext,
  input: Record<string, unknown>,
  recipientCount: number,
): Promise<{ messageId: string; attempts: number }> {
  const { policy } = ctx;
  for (let attempt = 1; ; attempt++) {
    if (ctx.limiter) await ctx.limiter.acquire(recipientCount);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, policy.attemptTimeoutMs);
    let error: SesSendError;
    try {
      const command = makeSingleAttempt(new ctx.Command(input));
      const out = (await ctx.client.send(command as never, { abortSignal: controller.signal })) as {
        MessageId?: string;
      };
      if (typeof out?.MessageId !== 'string' || out.MessageId === '') {
        throw new SesSendError('SES answered without a MessageId; the message may have been sent.', {
          code: 'Unknown',
          retryable: false,
          ambiguous: true,
          attempts: attempt,
        });
      }
      return { messageId: out.MessageId, attempts: attempt };
    } catch (e) {
      error = classifyError(e, attempt, timedOut);
      error.attempts = attempt;
    } finally {
      clearTimeout(timer);
    }
    const again = error.retryable || (error.ambiguous && policy.ambiguous && error.code !== 'Unknown');
    if (!again || attempt >= policy.maxAttempts) throw error;
    await policy.sleep(backoffDelay(policy, attempt - 1));
  }
}
