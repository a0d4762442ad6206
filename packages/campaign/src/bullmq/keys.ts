import { createHash } from 'node:crypto';

/** Redis keys of one campaign, next to the queue's own keys (so `queue.obliterate()` removes them too). */
export interface CampaignKeys {
  /** Hash: total, duplicates, enqueued, data, and a counter per outcome status. */
  meta: string;
  /** Hash: recipient key → outcome JSON (written once). */
  outcomes: string;
  /** Hash: recipient key → attempts started. */
  attempts: string;
  /** Hash: recipient key → "1" while an attempt is open (started, outcome not yet known). */
  open: string;
}

/** Keys of campaign `id` in queue `queueName` under BullMQ `prefix`. */
export function campaignKeys(prefix: string, queueName: string, id: string): CampaignKeys {
  const base = `${prefix}:${queueName}:rawmail-campaign:${id}`;
  return {
    meta: `${base}:meta`,
    outcomes: `${base}:outcomes`,
    attempts: `${base}:attempts`,
    open: `${base}:open`,
  };
}

/** Hash: why the queue was paused by a worker (code, message). */
export function pauseKey(prefix: string, queueName: string): string {
  return `${prefix}:${queueName}:rawmail-campaign-paused`;
}

/** The deterministic BullMQ job id of one recipient: enqueueing twice adds nothing. */
export function jobId(id: string, key: string): string {
  return `${id}.${createHash('sha256').update(key).digest('base64url').slice(0, 32)}`;
}

/**
 * Records an outcome once: the first writer wins, the status counter moves with it and the open attempt closes.
 * KEYS: outcomes, meta, open. ARGV: recipient key, outcome JSON, status. Returns 1 when written.
 */
export const RECORD_OUTCOME = `
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then
  redis.call('HINCRBY', KEYS[2], ARGV[3], 1)
  redis.call('HDEL', KEYS[3], ARGV[1])
  return 1
end
return 0`;

/** Opens an attempt and counts it, atomically. KEYS: open, attempts. ARGV: recipient key. Returns attempts started. */
export const START_ATTEMPT = `
redis.call('HSET', KEYS[1], ARGV[1], '1')
return redis.call('HINCRBY', KEYS[2], ARGV[1], 1)`;
