import type { CampaignProgress, OutcomeStatus } from './types.js';

/** Counts outcomes and derives the rate (over a sliding window) and the ETA for progress events. */
export class ProgressMeter {
  readonly counts: Record<OutcomeStatus, number> = { sent: 0, failed: 0, ambiguous: 0, skipped: 0 };
  private stamps: number[] = [];

  constructor(
    private readonly id: string,
    private readonly windowMs = 5000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Counts an outcome; `fresh` ones (finished in this run, not read back) feed the rate. */
  add(status: OutcomeStatus, fresh: boolean): void {
    this.counts[status]++;
    if (fresh) this.stamps.push(this.now());
  }

  /** Sets the counts to absolute values (BullMQ: read from Redis); the rate follows the change in `done`. */
  set(counts: Record<OutcomeStatus, number>): void {
    const before = this.done();
    Object.assign(this.counts, counts);
    const t = this.now();
    for (let i = before; i < this.done(); i++) this.stamps.push(t);
  }

  /** Recipients with an outcome. */
  done(): number {
    const c = this.counts;
    return c.sent + c.failed + c.ambiguous + c.skipped;
  }

  /** A snapshot; `total` undefined while unknown. */
  snapshot(total: number | undefined): CampaignProgress {
    const t = this.now();
    const old = this.stamps.findIndex((s) => s >= t - this.windowMs);
    this.stamps = old === -1 ? [] : this.stamps.slice(old);
    const first = this.stamps[0];
    const span = first === undefined ? 0 : Math.max(1000, t - first);
    const ratePerSecond = span === 0 ? 0 : (this.stamps.length * 1000) / span;
    const done = this.done();
    const etaSeconds =
      total === undefined
        ? undefined
        : done >= total
          ? 0
          : ratePerSecond > 0
            ? (total - done) / ratePerSecond
            : undefined;
    return { id: this.id, total, done, ...this.counts, ratePerSecond, etaSeconds };
  }
}
