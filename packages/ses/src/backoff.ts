/** Retry policy of the sender (the SDK's own retries are switched off for send calls, see single-attempt.ts). */
export interface RetryOptions {
  /** Total attempts per send, first one included. Default 3; 1 disables retries. */
  maxAttempts?: number;
  /** Base delay in ms of the exponential backoff. Default 100. */
  baseDelayMs?: number;
  /** Cap of one delay in ms. Default 20,000. */
  maxDelayMs?: number;
  /**
   * Also retry failures that may have reached SES (a reset or timeout after the request was written). SES has
   * no idempotency token, so this can deliver a message twice. Default false.
   */
  ambiguous?: boolean;
  /** Per-attempt timeout in ms, enforced with an AbortSignal (a timeout is ambiguous). Default 30,000. */
  attemptTimeoutMs?: number;
  /** Random source in [0, 1) for the jitter; injected by tests. Default Math.random. */
  random?: () => number;
  /** Sleep function; injected by tests. Default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
}

/** `RetryOptions` with every default filled in. */
export interface RetryPolicy {
  /** Total attempts per send, first one included (default 3). */
  maxAttempts: number;
  /** Base delay in ms of the exponential backoff (default 100). */
  baseDelayMs: number;
  /** Cap of one backoff delay in ms (default 20,000). */
  maxDelayMs: number;
  /** Whether ambiguous failures (that may have reached SES) are retried too, except code `Unknown` (default false). */
  ambiguous: boolean;
  /** Per-attempt timeout in ms, after which the attempt is aborted and counts as ambiguous (default 30,000). */
  attemptTimeoutMs: number;
  /** Random source in [0, 1) for the backoff jitter (default `Math.random`). */
  random: () => number;
  /** Waits `ms` milliseconds between attempts (default: a `setTimeout` promise). */
  sleep: (ms: number) => Promise<void>;
}

/** Sleeps `ms` milliseconds. */
export const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/** Fills in the defaults of a retry policy. */
export function resolveRetryPolicy(options: RetryOptions = {}): RetryPolicy {
  return {
    maxAttempts: options.maxAttempts ?? 3,
    baseDelayMs: options.baseDelayMs ?? 100,
    maxDelayMs: options.maxDelayMs ?? 20_000,
    ambiguous: options.ambiguous ?? false,
    attemptTimeoutMs: options.attemptTimeoutMs ?? 30_000,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? defaultSleep,
  };
}

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): a random delay
 * in [0, min(cap, base * 2^retry)). `retry` is 0 before the first retry.
 */
export function backoffDelay(policy: RetryPolicy, retry: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(retry, 30));
  return Math.floor(policy.random() * ceiling);
}
