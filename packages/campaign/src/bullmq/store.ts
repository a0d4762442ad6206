import type { Queue } from 'bullmq';
import type { CampaignPause, CampaignReport, OutcomeStatus, RecipientOutcome } from '../types.js';
import { type CampaignKeys, campaignKeys, pauseKey, RECORD_OUTCOME, START_ATTEMPT } from './keys.js';

/** The Redis commands the campaign store uses (ioredis's, which BullMQ's default client passes through). */
interface RedisCommands {
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  hincrby(key: string, field: string, by: number): Promise<number>;
  hset(key: string, ...fieldsAndValues: (string | number)[]): Promise<number>;
  hsetnx(key: string, field: string, value: string): Promise<number>;
  hget(key: string, field: string): Promise<string | null>;
  hmget(key: string, ...fields: string[]): Promise<(string | null)[]>;
  hexists(key: string, field: string): Promise<number>;
  hdel(key: string, ...fields: string[]): Promise<number>;
  hgetall(key: string): Promise<Record<string, string>>;
  hscan(key: string, cursor: string, count: 'COUNT', n: number): Promise<[string, string[]]>;
  del(...keys: string[]): Promise<number>;
}

const STATUSES: OutcomeStatus[] = ['sent', 'failed', 'ambiguous', 'skipped'];

/** Campaign state in Redis, next to one BullMQ queue. */
export class CampaignStore {
  private constructor(
    readonly redis: RedisCommands,
    readonly prefix: string,
    readonly queueName: string,
  ) {}

  /** The store on the queue's own connection. */
  static async of(queue: Queue): Promise<CampaignStore> {
    const client = (await queue.client) as unknown as RedisCommands;
    return new CampaignStore(client, queue.opts.prefix ?? 'bull', queue.name);
  }

  keys(id: string): CampaignKeys {
    return campaignKeys(this.prefix, this.queueName, id);
  }

  /** Records `outcome` unless the recipient already has one; true when written. */
  async record(id: string, key: string, outcome: RecipientOutcome): Promise<boolean> {
    const k = this.keys(id);
    const written = await this.redis.eval(
      RECORD_OUTCOME,
      3,
      k.outcomes,
      k.meta,
      k.open,
      key,
      JSON.stringify(outcome),
      outcome.status,
    );
    return written === 1;
  }

  /** Durably marks an attempt as started (before the request); returns the attempts started so far. */
  async start(id: string, key: string): Promise<number> {
    const k = this.keys(id);
    return Number(await this.redis.eval(START_ATTEMPT, 2, k.open, k.attempts, key));
  }

  /** Closes an open attempt that sent nothing. */
  async clear(id: string, key: string): Promise<void> {
    await this.redis.hdel(this.keys(id).open, key);
  }

  /** Attempts started, whether one is open, and whether an outcome exists, for one recipient. */
  async recipientState(id: string, key: string): Promise<{ attempts: number; open: boolean; done: boolean }> {
    const k = this.keys(id);
    const [attempts, open, done] = await Promise.all([
      this.redis.hget(k.attempts, key),
      this.redis.hexists(k.open, key),
      this.redis.hexists(k.outcomes, key),
    ]);
    return { attempts: Number(attempts ?? 0), open: open === 1, done: done === 1 };
  }

  /** Which of `keys` already have an outcome. */
  async finished(id: string, keys: string[]): Promise<boolean[]> {
    if (keys.length === 0) return [];
    const values = await this.redis.hmget(this.keys(id).outcomes, ...keys);
    return values.map((v) => v !== null);
  }

  /** The campaign's meta hash. */
  meta(id: string): Promise<Record<string, string>> {
    return this.redis.hgetall(this.keys(id).meta);
  }

  /** Sets fields of the meta hash. */
  async setMeta(id: string, fields: Record<string, string | number>): Promise<void> {
    await this.redis.hset(this.keys(id).meta, ...Object.entries(fields).flat());
  }

  /** Sets a meta field only when missing; returns the value in force. */
  async metaOnce(id: string, field: string, value: string): Promise<string> {
    const k = this.keys(id).meta;
    await this.redis.hsetnx(k, field, value);
    return (await this.redis.hget(k, field)) ?? value;
  }

  /** Why the queue was paused by a worker, if it was. */
  async pause(): Promise<CampaignPause | undefined> {
    const p = await this.redis.hgetall(pauseKey(this.prefix, this.queueName));
    return p.code === undefined ? undefined : { code: p.code, message: p.message ?? '' };
  }

  async setPause(pause: CampaignPause): Promise<void> {
    await this.redis.hset(
      pauseKey(this.prefix, this.queueName),
      'code',
      pause.code,
      'message',
      pause.message,
    );
  }

  async clearPause(): Promise<void> {
    await this.redis.del(pauseKey(this.prefix, this.queueName));
  }

  /** Counts from the meta hash. */
  async counts(id: string): Promise<{
    total: number | undefined;
    enqueued: boolean;
    duplicates: number;
    counts: Record<OutcomeStatus, number>;
  }> {
    const m = await this.meta(id);
    const counts = Object.fromEntries(STATUSES.map((s) => [s, Number(m[s] ?? 0)])) as Record<
      OutcomeStatus,
      number
    >;
    return {
      total: m.total === undefined ? undefined : Number(m.total),
      enqueued: m.enqueued === '1',
      duplicates: Number(m.duplicates ?? 0),
      counts,
    };
  }

  /** The full report: counts plus every outcome (read with HSCAN, in no particular order). */
  async report(id: string, paused: CampaignPause | undefined): Promise<CampaignReport> {
    const { total, enqueued, duplicates, counts } = await this.counts(id);
    const outcomes: RecipientOutcome[] = [];
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.hscan(this.keys(id).outcomes, cursor, 'COUNT', 1000);
      for (let i = 1; i < flat.length; i += 2) outcomes.push(JSON.parse(flat[i]!) as RecipientOutcome);
      cursor = next;
    } while (cursor !== '0');
    const t = total ?? outcomes.length;
    const done = counts.sent + counts.failed + counts.ambiguous + counts.skipped;
    const complete = enqueued && done >= t;
    const report: CampaignReport = {
      id,
      state: complete ? 'completed' : paused ? 'paused' : 'running',
      total: t,
      ...counts,
      pending: Math.max(0, t - done),
      duplicates,
      outcomes,
    };
    if (!complete && paused) report.paused = paused;
    return report;
  }
}
