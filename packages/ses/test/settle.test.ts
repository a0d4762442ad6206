import { describe, expect, test } from 'vitest';
import { type AwsClientLike, createSesSender, SesSendError } from '../src/index.js';
import { makeClients } from './harness/clients.js';
import { fastRetry, useSesEnv } from './harness/env.js';
import { rawMessage } from './harness/messages.js';
import { envelopeOf, v1Throttling } from './harness/proxy.js';

const env = useSesEnv();

/**
 * A real SDK client behind a wrapper that drops the AbortSignal: what a client (or middleware) that ignores
 * cancellation looks like to the sender. Its own request timeout is a minute, far beyond the tests' timeouts, so
 * only the sender's own deadline can settle a hung request.
 */
function ignoringSignals(kind: 'v1' | 'v2') {
  const patient = makeClients(env.proxy.url, 60_000);
  const real = patient[kind];
  const client: AwsClientLike = {
    config: real.config,
    send: (command: never) => (real as { send(c: never): Promise<unknown> }).send(command),
  };
  const destroy = () => {
    patient.v1.destroy();
    patient.v2.destroy();
  };
  return { client, destroy };
}

const audience = (n: number, p = 'r') => Array.from({ length: n }, (_, i) => `${p}${i}@example.com`);

/** Every audience address appears in exactly one batch. */
function expectEachOnce(batches: { recipients: string[] }[], list: string[]) {
  const seen = batches.flatMap((b) => b.recipients);
  expect([...seen].sort()).toEqual([...list].sort());
}

describe('attemptTimeoutMs settles the attempt whatever the client does', () => {
  test.each(['v1', 'v2'] as const)(
    '%s: a client ignoring its signal, a proxy never answering → ambiguous Timeout',
    async (kind) => {
      const { client, destroy } = ignoringSignals(kind);
      try {
        // Long enough for the request to reach the proxy on a loaded machine; the proxy then never answers.
        const sender = createSesSender({ client, retry: { ...fastRetry, attemptTimeoutMs: 2000 } });
        env.proxy.onRequest = () => ({ kind: 'hang' });
        const err = (await sender
          .send(rawMessage(), { destinations: ['one@example.com'] })
          .catch((e: unknown) => e)) as SesSendError;
        expect(err).toBeInstanceOf(SesSendError);
        expect([err.code, err.ambiguous, err.retryable, err.attempts]).toEqual(['Timeout', true, false, 1]);
        expect(env.proxy.requests).toHaveLength(1);
      } finally {
        destroy();
      }
    },
    10_000,
  );

  test('with retry.ambiguous each timed-out attempt settles and the next one runs', async () => {
    const { client, destroy } = ignoringSignals('v2');
    try {
      const sender = createSesSender({
        client,
        // Generous: the answered attempt must not time out on a loaded machine.
        retry: { ...fastRetry, attemptTimeoutMs: 1500, ambiguous: true, maxAttempts: 3 },
      });
      env.proxy.onRequest = (r) => (r.index < 2 ? { kind: 'hang' } : undefined);
      const r = await sender.send(rawMessage(), { destinations: ['one@example.com'] });
      expect(r.attempts).toBe(3);
      expect(env.proxy.requests).toHaveLength(3);
    } finally {
      destroy();
    }
  }, 10_000);

  test('sendMany settles with a hung batch and reports every recipient once', async () => {
    const { client, destroy } = ignoringSignals('v1');
    try {
      // Generous: the answered batches must not time out on a loaded machine.
      const sender = createSesSender({ client, retry: { ...fastRetry, attemptTimeoutMs: 1500 } });
      env.proxy.onRequest = (r) => (envelopeOf(r).includes('r3@example.com') ? { kind: 'hang' } : undefined);
      const list = audience(6);
      const result = await sender.sendMany(rawMessage(), list, { batchSize: 2, concurrency: 2 });
      expectEachOnce(result.batches, list);
      expect(result.batches.map((b) => b.status)).toEqual(['sent', 'failed', 'sent']);
      expect(result.batches[1]!.error).toMatchObject({ code: 'Timeout', ambiguous: true });
      expect([result.sent, result.failed]).toEqual([4, 2]);
    } finally {
      destroy();
    }
  }, 10_000);
});

describe("a caller's AbortSignal", () => {
  test('already aborted: send rejects with Aborted (not ambiguous) and makes no request', async () => {
    const sender = createSesSender({ client: env.clients.v2, retry: fastRetry });
    const err = (await sender
      .send(rawMessage(), {
        destinations: ['one@example.com'],
        signal: AbortSignal.abort(new Error('shutdown')),
      })
      .catch((e: unknown) => e)) as SesSendError;
    expect([err.code, err.ambiguous, err.attempts]).toEqual(['Aborted', false, 0]);
    expect(err.message).toContain('shutdown');
    expect(env.proxy.requests).toHaveLength(0);
  });

  test('abort while the request hangs at a client ignoring signals: settles at once as ambiguous Aborted', async () => {
    const { client, destroy } = ignoringSignals('v2');
    try {
      // The attempt timeout is far away: only the caller's signal can end this attempt.
      const sender = createSesSender({ client, retry: { ...fastRetry, attemptTimeoutMs: 3_600_000 } });
      const controller = new AbortController();
      env.proxy.onRequest = () => {
        setTimeout(() => controller.abort(), 20);
        return { kind: 'hang' };
      };
      const err = (await sender
        .send(rawMessage(), { destinations: ['one@example.com'], signal: controller.signal })
        .catch((e: unknown) => e)) as SesSendError;
      expect([err.code, err.ambiguous, err.retryable, err.attempts]).toEqual(['Aborted', true, false, 1]);
      expect(env.proxy.requests).toHaveLength(1);
    } finally {
      destroy();
    }
  }, 10_000);

  test('abort during the backoff: no further attempt; the last failure is the cause', async () => {
    const controller = new AbortController();
    const sender = createSesSender({
      client: env.clients.v1,
      // A backoff of about an hour: only the abort can end it.
      retry: { maxAttempts: 5, baseDelayMs: 60_000, maxDelayMs: 600_000, random: () => 0.999 },
    });
    env.proxy.onRequest = () => {
      setTimeout(() => controller.abort(), 20);
      return v1Throttling;
    };
    const err = (await sender
      .send(rawMessage(), { destinations: ['one@example.com'], signal: controller.signal })
      .catch((e: unknown) => e)) as SesSendError;
    expect([err.code, err.ambiguous, err.attempts]).toEqual(['Aborted', false, 1]);
    expect((err.cause as SesSendError).code).toBe('Throttling');
    expect(env.proxy.requests).toHaveLength(1);
  }, 10_000);

  test('sendMany with an already aborted signal: validated, nothing sent, every recipient NotAttempted', async () => {
    const sender = createSesSender({ client: env.clients.v1, retry: fastRetry });
    const list = audience(5, 'z');
    const result = await sender.sendMany(rawMessage(), list, { batchSize: 2, signal: AbortSignal.abort() });
    expectEachOnce(result.batches, list);
    expect(result.batches.map((b) => b.error?.code)).toEqual([
      'NotAttempted',
      'NotAttempted',
      'NotAttempted',
    ]);
    expect([result.sent, result.failed, result.report.ok]).toEqual([0, 5, true]);
    expect(env.proxy.requests).toHaveLength(0);
  });

  test('sendMany: abort after two batches → the rest NotAttempted, every recipient once, nothing more sent', async () => {
    const controller = new AbortController();
    const sender = createSesSender({
      client: env.clients.v2,
      retry: fastRetry,
      onBatch: (b) => {
        if (b.settled === 2) controller.abort(new Error('deploy'));
      },
    });
    const list = audience(6, 'a');
    const result = await sender.sendMany(rawMessage(), list, {
      batchSize: 1,
      concurrency: 1,
      signal: controller.signal,
    });
    expectEachOnce(result.batches, list);
    expect(result.batches.map((b) => b.status)).toEqual([
      'sent',
      'sent',
      'failed',
      'failed',
      'failed',
      'failed',
    ]);
    for (const b of result.batches.slice(2)) {
      expect(b.error).toMatchObject({ code: 'NotAttempted', ambiguous: false, attempts: 0 });
      expect((b.error!.cause as SesSendError).code).toBe('Aborted');
      expect(b.error!.message).toContain('deploy');
    }
    expect([result.sent, result.failed]).toEqual([2, 4]);
    expect(env.proxy.requests).toHaveLength(2);
  });

  test('sendMany: abort while batches hang → in-flight ones Aborted (ambiguous), the rest NotAttempted', async () => {
    const { client, destroy } = ignoringSignals('v1');
    try {
      const controller = new AbortController();
      const sender = createSesSender({ client, retry: { ...fastRetry, attemptTimeoutMs: 3_600_000 } });
      env.proxy.onRequest = () => {
        if (env.proxy.requests.length === 2) setTimeout(() => controller.abort(), 20);
        return { kind: 'hang' };
      };
      const list = audience(10, 'h');
      const result = await sender.sendMany(rawMessage(), list, {
        batchSize: 2,
        concurrency: 2,
        signal: controller.signal,
      });
      expectEachOnce(result.batches, list);
      expect(result.batches.map((b) => b.error?.code)).toEqual([
        'Aborted',
        'Aborted',
        'NotAttempted',
        'NotAttempted',
        'NotAttempted',
      ]);
      expect(result.batches.slice(0, 2).every((b) => b.error?.ambiguous && b.attempts === 1)).toBe(true);
      expect([result.sent, result.failed]).toEqual([0, 10]);
      expect(env.proxy.requests).toHaveLength(2);
    } finally {
      destroy();
    }
  }, 10_000);

  test('sendMany: abort while a batch waits for rate-limit tokens → NotAttempted, not sent', async () => {
    const controller = new AbortController();
    const sender = createSesSender({
      client: env.clients.v2,
      retry: fastRetry,
      maxSendRate: 1,
      onBatch: () => setTimeout(() => controller.abort(), 50),
    });
    const list = audience(3, 'q');
    const result = await sender.sendMany(rawMessage(), list, {
      batchSize: 1,
      concurrency: 1,
      signal: controller.signal,
    });
    expectEachOnce(result.batches, list);
    expect(result.batches.map((b) => b.error?.code ?? b.status)).toEqual([
      'sent',
      'NotAttempted',
      'NotAttempted',
    ]);
    expect(env.proxy.requests).toHaveLength(1);
  }, 10_000);

  test('a high concurrency with one signal trips no listener-leak warning', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const controller = new AbortController();
      const sender = createSesSender({ client: env.clients.v2, retry: fastRetry, maxSendRate: 1_000_000 });
      const list = audience(40, 'c');
      const result = await sender.sendMany(rawMessage(), list, {
        batchSize: 1,
        concurrency: 40,
        signal: controller.signal,
      });
      expect(result.sent).toBe(40);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  test('an abort signal that is not an AbortSignal is a typed options error', async () => {
    const sender = createSesSender({ client: env.clients.v2 });
    await expect(
      sender.send(rawMessage(), { destinations: ['one@example.com'], signal: { aborted: false } as never }),
    ).rejects.toMatchObject({ code: 'ses.options-invalid' });
    await expect(
      sender.sendMany(rawMessage(), ['a@example.com'], { signal: 'stop' as never }),
    ).rejects.toMatchObject({
      code: 'ses.options-invalid',
    });
  });
});
