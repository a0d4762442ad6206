import { SESClient } from '@aws-sdk/client-ses';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createSesSender, SesOptionsError, SesSendError } from '../src/index.js';
import { fastRetry, useSesEnv } from './harness/env.js';
import { rawMessage } from './harness/messages.js';
import { type AccountFigures, accountAnswer, actionOf, badCredentialsAnswer } from './harness/proxy.js';

const env = useSesEnv();

const figures: AccountFigures = {
  max24HourSend: 50_000,
  maxSendRate: 20,
  sentLast24Hours: 1234,
  sendingEnabled: true,
};

describe('sender.account(): the quota and sending status from SES', () => {
  test('v2 GetAccount', async () => {
    env.proxy.onRequest = (r) => accountAnswer(r, figures);
    const info = await createSesSender({ client: env.clients.v2 }).account();
    expect(info).toEqual({
      api: 'v2',
      max24HourSend: 50_000,
      maxSendRate: 20,
      sentLast24Hours: 1234,
      sendingEnabled: true,
      productionAccessEnabled: false,
      enforcementStatus: 'HEALTHY',
    });
    expect(env.proxy.requests.map(actionOf)).toEqual(['GET /v2/email/account']);
  });

  test('v1 GetSendQuota + GetAccountSendingEnabled', async () => {
    env.proxy.onRequest = (r) => accountAnswer(r, { ...figures, sendingEnabled: false });
    const info = await createSesSender({ client: env.clients.v1 }).account();
    expect(info).toEqual({
      api: 'v1',
      max24HourSend: 50_000,
      maxSendRate: 20,
      sentLast24Hours: 1234,
      sendingEnabled: false,
    });
    expect(env.proxy.requests.map(actionOf).sort()).toEqual(['GetAccountSendingEnabled', 'GetSendQuota']);
  });

  test.each(['v1', 'v2'] as const)(
    '%s: SES refusing the credentials is AccessDenied, naming the call',
    async (kind) => {
      env.proxy.onRequest = badCredentialsAnswer;
      const err = (await createSesSender({ client: env.clients[kind] })
        .account()
        .catch((e: unknown) => e)) as SesSendError;
      expect(err).toBeInstanceOf(SesSendError);
      expect(err.code).toBe('AccessDenied');
      expect(err.httpStatus).toBe(403);
      expect(err.message).toMatch(
        /^SES (GetAccount|GetSendQuota|GetAccountSendingEnabled) failed \(AccessDenied\): The security token/,
      );
    },
  );
});

describe("maxSendRate: 'account'", () => {
  test('reads the rate once before the first send and holds it across concurrent sends', async () => {
    env.proxy.onRequest = (r) => accountAnswer(r, figures);
    const logged: [string, object, string][] = [];
    const log = (level: string) => (fields: object, message: string) =>
      void logged.push([level, fields, message]);
    const sender = createSesSender({
      client: env.clients.v2,
      retry: fastRetry,
      maxSendRate: 'account',
      logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    });
    const t0 = performance.now();
    // 30 sends of 1 recipient at the account's 20/s: 20 in the first second's burst, 10 more take ~0.5 s.
    await Promise.all(
      Array.from({ length: 30 }, () => sender.send(rawMessage(), { destinations: ['one@example.com'] })),
    );
    expect(performance.now() - t0).toBeGreaterThanOrEqual(450);
    const actions = env.proxy.requests.map(actionOf);
    expect(actions[0]).toBe('GET /v2/email/account');
    expect(actions.filter((a) => a === 'GET /v2/email/account')).toHaveLength(1);
    expect(actions.filter((a) => a === 'POST /v2/email/outbound-emails')).toHaveLength(30);
    expect(logged.find(([level]) => level === 'info')?.[2]).toBe(
      "maxSendRate: 'account' is 20 recipients per second",
    );
  });

  test('an account read that fails fails the send before anything is sent; the next send asks again', async () => {
    env.proxy.onRequest = (r) =>
      actionOf(r) === 'GetSendQuota' || actionOf(r) === 'GetAccountSendingEnabled'
        ? badCredentialsAnswer(r)
        : undefined;
    const sender = createSesSender({ client: env.clients.v1, retry: fastRetry, maxSendRate: 'account' });
    const err = (await sender
      .send(rawMessage(), { destinations: ['one@example.com'] })
      .catch((e: unknown) => e)) as SesSendError;
    expect(err.code).toBe('AccessDenied');
    expect(err.message).toMatch(
      /^maxSendRate: 'account' could not read the account's send rate: SES GetSendQuota|GetAccountSendingEnabled/,
    );
    expect(env.proxy.requests.map(actionOf)).not.toContain('SendRawEmail');
    env.proxy.onRequest = (r) => accountAnswer(r, figures);
    await sender.send(rawMessage(), { destinations: ['one@example.com'] });
    expect(env.proxy.requests.map(actionOf)).toContain('SendRawEmail');
  });

  test('maxSendRate accepts a number or "account" only', () => {
    expect(() => createSesSender({ client: env.clients.v2, maxSendRate: 'acount' as never })).toThrow(
      /maxSendRate: must be a positive number \(recipients per second\) or 'account'/,
    );
  });
});

describe('a client without region or credentials is a named error, before any request', () => {
  const saved = { ...process.env };
  beforeEach(() => {
    for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k];
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    process.env.AWS_CONFIG_FILE = '/nonexistent/rawmail-test-config';
    process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/rawmail-test-credentials';
  });
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });

  test.each([
    ['v2', () => new SESv2Client({ endpoint: env.proxy.url })],
    ['v1', () => new SESClient({ endpoint: env.proxy.url })],
  ] as const)('%s client without a region: ses.client-region-missing', async (_kind, make) => {
    const client = make();
    const sender = createSesSender({ client, retry: fastRetry });
    for (const run of [
      () => sender.send(rawMessage(), { destinations: ['one@example.com'] }),
      () => sender.sendMany(rawMessage(), ['a@example.com']),
      () => sender.account(),
    ]) {
      const err = await run().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SesOptionsError);
      expect((err as SesOptionsError).code).toBe('ses.client-region-missing');
      expect((err as Error).message).toContain("new SESv2Client({ region: 'eu-west-1' })");
    }
    expect(env.proxy.requests).toHaveLength(0);
    client.destroy();
  });

  test.each([
    ['v2', () => new SESv2Client({ endpoint: env.proxy.url, region: 'eu-west-1' })],
    ['v1', () => new SESClient({ endpoint: env.proxy.url, region: 'eu-west-1' })],
  ] as const)('%s client without credentials: ses.client-credentials-missing', async (_kind, make) => {
    const client = make();
    const err = await createSesSender({ client, retry: fastRetry })
      .send(rawMessage(), { destinations: ['one@example.com'] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SesOptionsError);
    expect((err as SesOptionsError).code).toBe('ses.client-credentials-missing');
    expect((err as Error).message).toContain('Could not load credentials from any providers');
    expect(env.proxy.requests).toHaveLength(0);
    client.destroy();
  });
});
