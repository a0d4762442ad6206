/**
 * In-process token bucket for `runCampaign`'s `maxSendRate`: one token per request, refilled at `ratePerSecond`,
 * holding at most one second's worth (SES tolerates such short bursts). Taking a token is synchronous, so
 * concurrent senders queue fairly: over any window of T seconds at most `ratePerSecond * (T + 1)` requests start.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = ratePerSecond;
    this.last = now();
  }

  /** Waits until one more request may start. */
  async acquire(): Promise<void> {
    const t = this.now();
    this.tokens = Math.min(this.ratePerSecond, this.tokens + ((t - this.last) / 1000) * this.ratePerSecond);
    this.last = t;
    this.tokens -= 1;
    if (this.tokens < 0) {
      const ms = Math.ceil((-this.tokens / this.ratePerSecond) * 1000);
      await new Promise((resolve) => setTimeout(resolve, ms));
    }
  }
}
