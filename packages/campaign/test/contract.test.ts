// The campaign contract, run against both backends (the embedded journal and BullMQ on a real redis-server),
// proved on the wire: every request is counted at the recording proxy in front of the real aws-ses-v2-local.
import { createSesSender } from '@rawmail/ses';
import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { CampaignReport } from '../src/index.js';
import {
  type Backend,
  bullmqBackend,
  localBackend,
  type RunSpec,
  readers,
  renderNewsletter,
} from './harness/backends.js';
import { type RedisServer, startRedis } from './harness/redis.js';
import { envelopeOf, forwardedPerRecipient, rawBytesOf, sends, useSesEnv } from './harness/ses.js';

const env = useSesEnv();
let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const fast = { maxAttempts: 5, baseDelayMs: 5, maxDelayMs: 20 };
const sender = () =>
  createSesSender({ client: env.client, retry: { maxAttempts: 1, attemptTimeoutMs: 5000 } });

/** Every recipient exactly once in the outcomes; the counts add up. */
function expectOneOutcomeEach(report: CampaignReport, addresses: string[]): void {
  expect(report.outcomes.map((o) => o.recipient).sort()).toEqual([...addresses].sort());
  const by = (s: string) => report.outcomes.filter((o) => o.status === s).length;
  expect([report.sent, report.failed, report.ambiguous, report.skipped]).toEqual([
    by('sent'),
    by('failed'),
    by('ambiguous'),
    by('skipped'),
  ]);
  expect(report.total).toBe(addresses.length);
  expect(report.pending).toBe(0);
}

describe.each([
  ['local', () => localBackend()],
  ['bullmq', () => bullmqBackend(() => redis)],
] as const)('campaign contract: %s backend', (_name, make) => {
  let backend: Backend;
  beforeEach(async () => {
    backend = make();
    await backend.setup();
  });
  afterEach(() => backend.teardown());

  const spec = (id: string, n: number, extra: Partial<RunSpec> = {}): RunSpec => ({
    id,
    recipients: readers(n),
    data: { issue: 'Issue 7' },
    render: renderNewsletter as RunSpec['render'],
    sender: sender(),
    retry: fast,
    ...extra,
  });

  test('one personalised message per recipient, to that recipient only; each sent exactly once', async () => {
    const s = spec('plain', 30);
    const report = await backend.run(s);
    const people = readers(30);
    expectOneOutcomeEach(
      report,
      people.map((p) => p.address),
    );
    expect(report.state).toBe('completed');
    expect(report.sent).toBe(30);
    const wire = sends(env.proxy);
    expect(wire).toHaveLength(30);
    const per = forwardedPerRecipient(env.proxy);
    for (const p of people) expect(per.get(p.address)).toBe(1);
    // The bytes on the wire are personalised: parsed by mailparser, the oracle.
    for (const req of wire.slice(0, 5)) {
      const mail = await simpleParser(rawBytesOf(req));
      const to = (mail.to as { value: { address: string }[] }).value[0]!.address;
      const reader = people.find((p) => p.address === to)!;
      expect(mail.subject).toBe(`Issue 7 for ${reader.name}`);
      const line = (k: string) => mail.headerLines.find((h) => h.key === k)?.line;
      expect(line('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      expect(line('list-unsubscribe')).toBe(
        `List-Unsubscribe: <https://example.com/unsubscribe/${reader.token}>`,
      );
    }
    for (const o of report.outcomes) {
      expect(o.status).toBe('sent');
      expect(o.messageId).toMatch(/^ses-/);
      expect(o.attempts).toBe(1);
    }
  });

  test('running (enqueueing) the same campaign again sends nothing more', async () => {
    const s = spec('twice', 20);
    const first = await backend.run(s);
    expect(first.sent).toBe(20);
    const second = await backend.run({ ...s, sender: sender() });
    expect(sends(env.proxy)).toHaveLength(20);
    expectOneOutcomeEach(
      second,
      readers(20).map((p) => p.address),
    );
    expect(second.sent).toBe(20);
  });

  test('duplicate addresses (any case) get one message and are counted', async () => {
    const people = readers(5);
    const dup = [...people, { ...people[0]!, address: people[0]!.address.toUpperCase() }, people[3]!];
    const report = await backend.run(spec('dups', 0, { recipients: dup }));
    expect(report.duplicates).toBe(2);
    expectOneOutcomeEach(
      report,
      people.map((p) => p.address),
    );
    expect(sends(env.proxy)).toHaveLength(5);
  });

  test('throttling and 5xx are retried with backoff; every recipient is sent once', async () => {
    // Each recipient's first request is throttled and its second gets a bare 503; the third goes through.
    const seen = new Map<string, number>();
    env.proxy.onRequest = (r) => {
      const to = envelopeOf(r)[0]!;
      const n = (seen.get(to) ?? 0) + 1;
      seen.set(to, n);
      if (n === 1)
        return {
          kind: 'v2-error',
          status: 429,
          type: 'TooManyRequestsException',
          message: 'Maximum sending rate exceeded.',
        };
      if (n === 2) return { kind: 'status', status: 503 };
      return undefined;
    };
    const report = await backend.run(spec('throttled', 12));
    expectOneOutcomeEach(
      report,
      readers(12).map((p) => p.address),
    );
    expect(report.sent).toBe(12);
    const wire = sends(env.proxy);
    expect(wire.filter((r) => r.forwarded)).toHaveLength(12);
    // Attempts reported = requests on the wire.
    expect(wire).toHaveLength(36);
    for (const o of report.outcomes) expect(o.attempts).toBe(3);
  });

  test('retries run out: the recipient fails with the last code, the others are sent', async () => {
    env.proxy.onRequest = (r) =>
      r.body.includes(Buffer.from('cmVhZGVyM0BleGFtcGxlLm9yZ')) // base64 prefix of reader3@example.org in the JSON
        ? { kind: 'status', status: 503 }
        : undefined;
    const report = await backend.run(
      spec('exhausted', 6, { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 } }),
    );
    expectOneOutcomeEach(
      report,
      readers(6).map((p) => p.address),
    );
    const bad = report.outcomes.find((o) => o.recipient === 'reader3@example.org')!;
    expect(bad).toMatchObject({ status: 'failed', code: 'ServerError', attempts: 3 });
    expect(report.sent).toBe(5);
  });

  test('MessageRejected fails that recipient only, without a retry', async () => {
    env.proxy.onRequest = (r) =>
      r.body.includes(Buffer.from('cmVhZGVyMkBleGFtcGxlLm9yZ'))
        ? {
            kind: 'v2-error',
            status: 400,
            type: 'MessageRejected',
            message: 'Email address is not verified.',
          }
        : undefined;
    const report = await backend.run(spec('rejected', 8));
    expectOneOutcomeEach(
      report,
      readers(8).map((p) => p.address),
    );
    expect(report.outcomes.find((o) => o.recipient === 'reader2@example.org')).toMatchObject({
      status: 'failed',
      code: 'MessageRejected',
      attempts: 1,
    });
    expect(report.sent).toBe(7);
    expect(sends(env.proxy)).toHaveLength(8);
  });

  test('a message that fails validation is skipped with its issue codes and never sent', async () => {
    const render: RunSpec['render'] = (r, data) => {
      const m = renderNewsletter(r, data as { issue: string }) as Record<string, unknown>;
      // A raw message without a From header fails the validator (header.from-missing).
      if ((r as { address: string }).address === 'reader1@example.org') {
        return 'To: reader1@example.org\r\nSubject: broken\r\n\r\nbody\r\n';
      }
      return m as never;
    };
    const report = await backend.run(spec('invalid', 4, { render }));
    expectOneOutcomeEach(
      report,
      readers(4).map((p) => p.address),
    );
    const bad = report.outcomes.find((o) => o.recipient === 'reader1@example.org')!;
    expect(bad.status).toBe('skipped');
    expect(bad.code).toBe('ses.validation-failed');
    expect(bad.issues).toContain('header.from-missing');
    expect(forwardedPerRecipient(env.proxy).has('reader1@example.org')).toBe(false);
    expect(sends(env.proxy)).toHaveLength(3);
  });

  test('a connection reset after the request is ambiguous and not re-sent; retryAmbiguous re-sends', async () => {
    let hit = 0;
    env.proxy.onRequest = (r) =>
      r.body.includes(Buffer.from('cmVhZGVyMUBleGFtcGxlLm9yZ')) && hit++ === 0
        ? { kind: 'reset-after' }
        : undefined;
    const report = await backend.run(spec('amb', 3));
    expectOneOutcomeEach(
      report,
      readers(3).map((p) => p.address),
    );
    expect(report.outcomes.find((o) => o.recipient === 'reader1@example.org')).toMatchObject({
      status: 'ambiguous',
      attempts: 1,
    });
    expect(forwardedPerRecipient(env.proxy).get('reader1@example.org')).toBe(1);

    env.proxy.reset();
    hit = 0;
    env.proxy.onRequest = (r) =>
      r.body.includes(Buffer.from('cmVhZGVyMUBleGFtcGxlLm9yZ')) && hit++ === 0
        ? { kind: 'reset-after' }
        : undefined;
    const opted = await backend.run(spec('amb-retry', 3, { retryAmbiguous: true }));
    expect(opted.outcomes.find((o) => o.recipient === 'reader1@example.org')).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
    // The opt-in is what may deliver twice: both requests reached the endpoint.
    expect(forwardedPerRecipient(env.proxy).get('reader1@example.org')).toBe(2);
  });

  test('maxSendRate paces the requests at the endpoint', async () => {
    const times: number[] = [];
    env.proxy.onRequest = () => void times.push(performance.now());
    const report = await backend.run(spec('paced', 50, { maxSendRate: 20 }));
    expect(report.sent).toBe(50);
    // Both backends allow at most one second's worth of burst (the local bucket; BullMQ's is a tenth of that).
    const span = (times.at(-1)! - times[0]!) / 1000;
    expect(span).toBeGreaterThanOrEqual((50 - 20) / 20 - 0.1);
    let worst = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= 1000) j++;
      worst = Math.max(worst, i - j + 1);
    }
    expect(worst).toBeLessThanOrEqual(20 + 20);
  });

  test('the daily quota pauses the campaign, nothing more is attempted; a later run resumes it', async () => {
    let forwarded = 0;
    env.proxy.onRequest = () =>
      forwarded >= 10
        ? {
            kind: 'v2-error',
            status: 400,
            type: 'LimitExceededException',
            message: 'Daily message quota exceeded.',
          }
        : void forwarded++;
    const s = spec('quota', 40, { maxSendRate: 100 });
    const paused = await backend.run(s);
    expect(paused.state).toBe('paused');
    expect(paused.paused?.code).toBe('DailyQuotaExceeded');
    expect(paused.pending).toBeGreaterThan(0);
    // Only the requests in flight when the first quota error came back were refused: no retrying into the quota.
    const refused = sends(env.proxy).filter((r) => !r.forwarded).length;
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThanOrEqual(4);

    env.proxy.onRequest = undefined;
    const done = await backend.resume({ ...s, sender: sender() });
    expect(done.state).toBe('completed');
    expectOneOutcomeEach(
      done,
      readers(40).map((p) => p.address),
    );
    expect(done.sent).toBe(40);
    const per = forwardedPerRecipient(env.proxy);
    for (const p of readers(40)) expect(per.get(p.address)).toBe(1);
  });
});
