import { describe, expect, test } from 'vitest';
import {
  type AttemptEvent,
  type BatchEvent,
  createSesSender,
  SesOptionsError,
  SesSendError,
} from '../src/index.js';
import { fastRetry, useSesEnv } from './harness/env.js';
import { rawMessage } from './harness/messages.js';
import { v1Throttling } from './harness/proxy.js';

const env = useSesEnv();

function recordingLogger() {
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const at = (level: string) => (fields: object, message: string) =>
    void lines.push({ level, fields: fields as Record<string, unknown>, message });
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

describe('onAttempt and the logger see every request', () => {
  test('two throttles then success: code, attempt number, delay, ambiguous or not', async () => {
    const events: AttemptEvent[] = [];
    const { lines, logger } = recordingLogger();
    const sender = createSesSender({
      client: env.clients.v1,
      retry: { ...fastRetry, maxAttempts: 4, random: () => 0.999, sleep: async () => {} },
      onAttempt: (e) => events.push(e),
      logger,
    });
    env.proxy.onRequest = (r) => (r.index < 2 ? v1Throttling : undefined);
    const r = await sender.send(rawMessage(), { destinations: ['one@example.com'] });
    expect(events.map((e) => [e.attempt, e.outcome, e.code, e.willRetry, e.delayMs, e.ambiguous])).toEqual([
      [1, 'failed', 'Throttling', true, 0, false],
      [2, 'failed', 'Throttling', true, 1, false],
      [3, 'sent', undefined, false, undefined, false],
    ]);
    expect(events[2]!.messageId).toBe(r.messageId);
    expect(events.every((e) => e.recipients === 1 && e.maxAttempts === 4 && e.batch === undefined)).toBe(
      true,
    );
    expect(lines.map((l) => l.level)).toEqual(['warn', 'warn', 'debug']);
    expect(lines[0]!.fields).toMatchObject({
      attempt: 1,
      code: 'Throttling',
      delayMs: 0,
      ambiguous: false,
      retryable: true,
    });
    expect(lines[0]!.message).toBe('SES attempt 1 failed with Throttling; retrying in 0 ms');
  });

  test('an ambiguous final failure is logged as an error saying so', async () => {
    const { lines, logger } = recordingLogger();
    const events: AttemptEvent[] = [];
    const sender = createSesSender({
      client: env.clients.v2,
      retry: fastRetry,
      logger,
      onAttempt: (e) => events.push(e),
    });
    env.proxy.onRequest = () => ({ kind: 'reset-after' });
    await expect(sender.send(rawMessage(), { destinations: ['one@example.com'] })).rejects.toBeInstanceOf(
      SesSendError,
    );
    expect(events.map((e) => [e.outcome, e.ambiguous, e.willRetry])).toEqual([['failed', true, false]]);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.level).toBe('error');
    expect(lines[0]!.message).toContain('ambiguous: the message may have been sent');
  });

  test('onBatch reports progress of a bulk send; attempts carry their batch index', async () => {
    const batches: BatchEvent[] = [];
    const attempts: AttemptEvent[] = [];
    const { lines, logger } = recordingLogger();
    const sender = createSesSender({
      client: env.clients.v2,
      retry: fastRetry,
      onBatch: (b) => batches.push(b),
      onAttempt: (a) => attempts.push(a),
      logger,
    });
    const audience = Array.from({ length: 5 }, (_, i) => `p${i}@example.com`);
    const result = await sender.sendMany(rawMessage({ to: 'undisclosed-recipients:;' }), audience, {
      batchSize: 2,
      concurrency: 1,
    });
    expect(batches.map((b) => [b.index, b.total, b.settled, b.status, b.recipients.length])).toEqual([
      [0, 3, 1, 'sent', 2],
      [1, 3, 2, 'sent', 2],
      [2, 3, 3, 'sent', 1],
    ]);
    expect(batches.map((b) => b.messageId)).toEqual(result.batches.map((b) => b.messageId));
    expect(attempts.map((a) => a.batch)).toEqual([0, 1, 2]);
    expect(lines.filter((l) => l.level === 'info').map((l) => l.message)).toEqual([
      'sendMany batch 1/3 sent',
      'sendMany batch 2/3 sent',
      'sendMany batch 3/3 sent',
    ]);
  });

  test('a hook that throws does not break the send; the logger reports it', async () => {
    const { lines, logger } = recordingLogger();
    const sender = createSesSender({
      client: env.clients.v2,
      retry: fastRetry,
      onAttempt: () => {
        throw new Error('dashboard down\r\nInjected: line');
      },
      logger,
    });
    const r = await sender.send(rawMessage(), { destinations: ['one@example.com'] });
    expect(r.attempts).toBe(1);
    const hook = lines.find((l) => l.message.startsWith('@rawmail/ses: an observer hook threw'));
    expect(hook?.level).toBe('error');
    expect(hook?.message).toBe(
      '@rawmail/ses: an observer hook threw: dashboard down\\x0d\\x0aInjected: line',
    );
  });

  test('a malformed logger or hook is a typed options error', () => {
    expect(() => createSesSender({ client: env.clients.v2, logger: { info: () => {} } as never })).toThrow(
      SesOptionsError,
    );
    expect(() => createSesSender({ client: env.clients.v2, onAttempt: 'yes' as never })).toThrow(
      /onAttempt: must be a function/,
    );
  });
});

describe('error messages are safe to log', () => {
  test("SES's text with CR/LF/ESC is escaped in SesSendError.message", async () => {
    const sender = createSesSender({ client: env.clients.v2, retry: fastRetry });
    env.proxy.onRequest = () => ({
      kind: 'v2-error',
      status: 400,
      type: 'MessageRejected',
      message: 'Rejected\r\nX-Forged: yes \u001b[31mred',
    });
    const err = (await sender
      .send(rawMessage(), { destinations: ['one@example.com'] })
      .catch((e: unknown) => e)) as SesSendError;
    expect(err.code).toBe('MessageRejected');
    expect(err.message).toBe('Rejected\\x0d\\x0aX-Forged: yes \\x1b[31mred');
  });

  test('option errors quoting user input are escaped', async () => {
    const sender = createSesSender({ client: env.clients.v2 });
    const err = (await sender
      .send(rawMessage(), { 'bad\r\nkey': 1 } as never)
      .catch((e: unknown) => e)) as SesOptionsError;
    expect(err).toBeInstanceOf(SesOptionsError);
    expect(/[\r\n\u001b]/.test(err.message)).toBe(false);
    expect(err.message).toContain('bad\\x0d\\x0akey');
  });

  test('ValidationFailedError messages never carry raw control characters', async () => {
    const sender = createSesSender({ client: env.clients.v2 });
    const err = (await sender
      .send(rawMessage(), { destinations: ['one@example.com\r\nBcc: evil@example.org\u001b[2J'] })
      .catch((e: unknown) => e)) as Error;
    expect(err.name).toBe('ValidationFailedError');
    expect(/[\x00-\x08\x0a-\x1f\x7f]/.test(err.message)).toBe(false);
  });
});
