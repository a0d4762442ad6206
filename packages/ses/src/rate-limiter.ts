import { Interrupted, sleepUnlessAborted } from './bounded.js';

/**
 * Token bucket for `maxSendRate`: tokens are recipients (SES counts each recipient as one message), refilled at
 * `ratePerSecond`, holding at most one second's worth. A reservation larger than the balance is allowed to go
 * into debt and waits until the debt is repaid, so a 50-recipient batch under a rate of 10/s waits 5 s rather than
 * never running. Reservations are accounted synchronously, so concurrent callers queue fairly and the rate holds
 * across them: over any window of T seconds at most `ratePerSecond * (T + 1)` recipients are released.
 */
export class RateLimiter {
  readonly ratePerSecond: number;
  private tokens: number;
  private last: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(ratePerSecond: number, now: () => number, sleep: (ms: number) => Promise<void>) {
    this.ratePerSecond = ratePerSecond;
    this.tokens = ratePerSecond;
    this.now = now;
    this.last = now();
    this.sleep = sleep;
  }

  /**
   * Waits until `count` recipients may be sent. When `signal` aborts during the wait, rejects with `Interrupted`
   * and gives the reservation back.
   */
  async acquire(count: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw new Interrupted('aborted', signal.reason);
    const t = this.now();
    this.tokens = Math.min(this.ratePerSecond, this.tokens + ((t - this.last) / 1000) * this.ratePerSecond);
    this.last = t;
    this.tokens -= count;
    if (this.tokens >= 0) return;
    try {
      await sleepUnlessAborted(this.sleep, Math.ceil((-this.tokens / this.ratePerSecond) * 1000), signal);
    } catch (e) {
      this.tokens += count;
      throw e;
    }
  }
}
