import { describe, expect, test } from 'vitest';
import { createSesSender, type SesOptionsError, ValidationFailedError } from '../src/index.js';
import { fastRetry, useSesEnv } from './harness/env.js';
import { rawMessage } from './harness/messages.js';
import {
  envelopeOf,
  type Fault,
  type RecordedRequest,
  rawBytesOf,
  v1Throttling,
  v2TooManyRequests,
} from './harness/proxy.js';

const env = useSesEnv();
const audience = (n: number, tag = 'r') => Array.from({ length: n }, (_, i) => `${tag}${i}@list.example.com`);

describe('sendMany', () => {
  test('300 recipients: batches of ≤ 50 counting header addresses, same validated bytes, envelope = batch', async () => {
    const sender = createSesSender({ client: env.clients.v2, retry: fastRetry });
    const raw = rawMessage({ to: 'News <news@example.com>', cc: 'archive@example.com' });
    const people = audience(300);
    const result = await sender.sendMany(raw, people, { concurrency: 3 });
    expect(result.batches.map((b) => b.recipients.length)).toEqual([48, 48, 48, 48, 48, 48, 12]);
    expect(result.sent).toBe(300);
    expect(result.failed).toBe(0);
    expect(result.batches.every((b) => b.status === 'sent' && typeof b.messageId === 'string')).toBe(true);
    const reqs = env.proxy.requests;
    expect(reqs).toHaveLength(7);
    for (const r of reqs) {
      expect(rawBytesOf(r).equals(raw)).toBe(true);
      expect(envelopeOf(r).length).toBeLessThanOrEqual(48);
    }
    expect(reqs.flatMap(envelopeOf).sort()).toEqual([...people].sort());
    const stored = (await env.emu.store()).filter((e) =>
      result.batches.some((b) => b.messageId === e.messageId),
    );
    expect(stored).toHaveLength(7);
    expect(
      stored.every(
        (e) =>
          e.subject === 'Test message' &&
          e.destination.to[0]?.replace(/"/g, '') === 'News <news@example.com>',
      ),
    ).toBe(true);
    expect(env.proxy.maxInFlight).toBeLessThanOrEqual(3);
  });

  test('duplicates in the audience are sent once; batchSize is honoured', async () => {
    const sender = createSesSender({ client: env.clients.v1, retry: fastRetry });
    const people = [...audience(25), ...audience(25).map((a) => a.toUpperCase())];
    const result = await sender.sendMany(rawMessage(), people, { batchSize: 10 });
    expect(result.batches.map((b) => b.recipients.length)).toEqual([10, 10, 5]);
    expect(env.proxy.requests.flatMap(envelopeOf)).toHaveLength(25);
  });

  test.each(['v1', 'v2'] as const)(
    '%s: with faults on many requests, every batch reported exactly once, none sent twice',
    async (api) => {
      const throttle = api === 'v1' ? v1Throttling : v2TooManyRequests;
      const rejected: Fault =
        api === 'v1'
          ? { kind: 'v1-error', code: 'MessageRejected', message: 'Email address is not verified.' }
          : {
              kind: 'v2-error',
              status: 400,
              type: 'MessageRejected',
              message: 'Email address is not verified.',
            };
      const sender = createSesSender({ client: env.clients[api], retry: { ...fastRetry, maxAttempts: 4 } });
      const people = audience(400, 'f');
      // 400 recipients, 49 per batch (the To header counts): batches 0..8. Faults are chosen per batch (from the
      // envelope on the wire) and per attempt, so the outcome does not depend on how the two workers interleave.
      const batchOf = (r: RecordedRequest) => Math.floor(Number(/^f(\d+)@/.exec(envelopeOf(r)[0]!)![1]) / 49);
      const attemptsSeen = new Map<number, number>();
      env.proxy.onRequest = (r) => {
        const b = batchOf(r);
        const attempt = (attemptsSeen.get(b) ?? 0) + 1;
        attemptsSeen.set(b, attempt);
        if (b === 1 && attempt === 1) return { kind: 'reset-before' }; // ambiguous, not delivered
        if (b === 3 && attempt === 1) return { kind: 'reset-after' }; // ambiguous, delivered
        if (b === 5) return rejected; // permanent
        if (b === 7) return throttle; // throttled on every attempt: exhausts them
        if (attempt === 1 && b === 0) return throttle; // transient: succeeds on the retry
        if (attempt === 1 && b === 2) return { kind: 'status', status: 503 };
        if (attempt === 1 && b === 4) return { kind: 'status', status: 500 };
        if (attempt <= 2 && b === 6) return throttle;
        if (b === 8) return { kind: 'delay', ms: 30 };
        return undefined;
      };
      const result = await sender.sendMany(rawMessage({ to: 'list@example.com' }), people, {
        concurrency: 2,
      });

      // Every batch exactly once, in input order, covering the audience exactly.
      expect(result.batches.flatMap((b) => b.recipients)).toEqual(people);
      const S = 'sent';
      const F = 'failed';
      expect(result.batches.map((b) => b.status)).toEqual([S, F, S, F, S, F, S, F, S]);
      const codes = result.batches.map((b) => b.error?.code ?? '-');
      expect(codes).toEqual(['-', 'Network', '-', 'Network', '-', 'MessageRejected', '-', 'Throttling', '-']);
      expect(result.batches.map((b) => b.attempts)).toEqual([2, 1, 2, 1, 2, 1, 3, 4, 1]);
      const ambiguous = result.batches.map((b) => b.error?.ambiguous ?? false);
      expect(ambiguous).toEqual([false, true, false, true, false, false, false, false, false]);
      for (const b of result.batches.filter((x) => x.status === 'sent')) expect(b.messageId).toMatch(/^ses-/);
      expect(result.sent + result.failed).toBe(400);
      expect(result.failed).toBe(4 * 49);

      // Attempts reported per batch are the requests seen on the wire for it.
      for (const [i, b] of result.batches.entries()) {
        expect(env.proxy.requests.filter((r) => batchOf(r) === i)).toHaveLength(b.attempts);
      }
      // No recipient reached the emulator twice; the ambiguous reset-after batch reached it exactly once.
      const forwarded = new Map<string, number>();
      for (const r of env.proxy.forwarded()) {
        for (const a of envelopeOf(r)) forwarded.set(a, (forwarded.get(a) ?? 0) + 1);
      }
      expect(Math.max(...forwarded.values())).toBe(1);
      expect(forwarded.get('f147@list.example.com')).toBe(1); // batch 3: delivered although reported failed
      expect(forwarded.has('f49@list.example.com')).toBe(false); // batch 1: reset before forwarding
    },
  );

  test('an account-wide failure stops the run: later batches are reported NotAttempted, not sent', async () => {
    const sender = createSesSender({ client: env.clients.v2, retry: fastRetry });
    env.proxy.onRequest = (r) =>
      r.index === 1
        ? { kind: 'v2-error', status: 400, type: 'SendingPausedException', message: 'Sending paused.' }
        : undefined;
    const result = await sender.sendMany(rawMessage(), audience(200, 'p'), { concurrency: 1 });
    // The message's own To header counts: 49 audience addresses per batch.
    expect(result.batches.map((b) => b.status)).toEqual(['sent', 'failed', 'failed', 'failed', 'failed']);
    expect(result.batches.map((b) => b.error?.code)).toEqual([
      undefined,
      'AccountSendingPaused',
      'NotAttempted',
      'NotAttempted',
      'NotAttempted',
    ]);
    expect(env.proxy.requests).toHaveLength(2);
    expect(result.sent).toBe(49);
    expect(result.failed).toBe(151);
  });

  test('maxSendRate holds across batches (recipients per second)', async () => {
    const sender = createSesSender({ client: env.clients.v2, retry: fastRetry, maxSendRate: 400 });
    const t0 = performance.now();
    await sender.sendMany(rawMessage(), audience(800, 'm'), { concurrency: 4 });
    const elapsed = performance.now() - t0;
    // 400 burst, then 400 more at 400/s: at least ~1 s.
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(env.proxy.requests).toHaveLength(Math.ceil(800 / 49));
  });

  test('the rate limit is shared by concurrent send() calls of one sender', async () => {
    const sender = createSesSender({ client: env.clients.v1, retry: fastRetry, maxSendRate: 20 });
    const t0 = performance.now();
    // 30 sends of 1 recipient at 20/s: 20 in the initial burst, 10 more take ~0.5 s.
    await Promise.all(
      Array.from({ length: 30 }, () => sender.send(rawMessage(), { destinations: ['one@example.com'] })),
    );
    expect(performance.now() - t0).toBeGreaterThanOrEqual(450);
    expect(env.proxy.requests).toHaveLength(30);
  });

  test('v2 429 throttles are retried per batch', async () => {
    const sender = createSesSender({ client: env.clients.v2, retry: fastRetry });
    const seen = new Set<string>();
    env.proxy.onRequest = (r) => {
      const first = envelopeOf(r)[0]!;
      if (seen.has(first)) return undefined;
      seen.add(first);
      return v2TooManyRequests;
    };
    const result = await sender.sendMany(rawMessage(), audience(150, 't'), { concurrency: 1 });
    expect(result.sent).toBe(150);
    expect(result.batches.map((b) => b.attempts)).toEqual([2, 2, 2, 2]);
  });

  test('an invalid recipient fails validation before any request', async () => {
    const sender = createSesSender({ client: env.clients.v2 });
    const err = await sender
      .sendMany(rawMessage(), [
        'ok@example.com',
        'no-domain',
        'sp ace@example.com',
        ' padded@example.com',
        'x@example.com\r\n',
      ])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationFailedError);
    const codes = (err as ValidationFailedError).report.issues.map((i) => i.code);
    expect(codes).toContain('address.missing-domain');
    const flagged = (err as ValidationFailedError).report.issues.filter((i) => i.header === 'destinations');
    expect(flagged.length).toBeGreaterThanOrEqual(4);
    expect(env.proxy.requests).toHaveLength(0);
  });

  test('a message whose headers already hold 50 addresses cannot be batched', async () => {
    const sender = createSesSender({ client: env.clients.v2 });
    const to = audience(50, 'h').join(', ');
    const err = await sender.sendMany(rawMessage({ to }), ['x@example.com']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(['ses.batch-capacity', 'ses.validation-failed']).toContain((err as SesOptionsError).code);
    expect(env.proxy.requests).toHaveLength(0);
  });

  test('an empty audience sends nothing and reports no batch', async () => {
    const sender = createSesSender({ client: env.clients.v2 });
    const result = await sender.sendMany(rawMessage(), []);
    expect(result).toMatchObject({ batches: [], sent: 0, failed: 0 });
    expect(env.proxy.requests).toHaveLength(0);
  });
});
