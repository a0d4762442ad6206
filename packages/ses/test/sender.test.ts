import { describe, expect, test } from 'vitest';
import { createSesSender, SesOptionsError, SesSendError, ValidationFailedError } from '../src/index.js';
import { fastRetry, useSesEnv } from './harness/env.js';
import { rawMessage } from './harness/messages.js';
import {
  envelopeOf,
  rawBytesOf,
  v1Params,
  v1Throttling,
  v2Body,
  v2TooManyRequests,
} from './harness/proxy.js';

const env = useSesEnv();

const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3000, 7), Buffer.from('\n%%EOF\n')]);

describe('send through SESv2Client (SendEmail, Content.Raw)', () => {
  test('maps every option to its v2 field on the wire; sends exactly the validated bytes', async () => {
    const sender = createSesSender({
      client: env.clients.v2,
      configurationSetName: 'base-set',
      tags: [{ name: 'app', value: 'rawmail' }],
      retry: fastRetry,
    });
    const raw = rawMessage({
      to: 'Rcpt One <one@example.com>',
      cc: 'two@example.com',
      attachment: { filename: 'invoice.pdf', contentType: 'application/pdf', content: pdf },
    });
    const result = await sender.send(raw, {
      source: 'bounce@example.com',
      destinations: ['one@example.com', 'two@example.com', 'hidden@example.com'],
      configurationSetName: 'per-send',
      tags: [{ name: 'campaign', value: 'nov-26' }],
      sourceArn: 'arn:aws:ses:eu-west-1:123456789012:identity/example.com',
    });
    expect(result.attempts).toBe(1);
    expect(result.report.ok).toBe(true);
    expect(result.report.profile).toBe('ses-v2');
    expect(env.proxy.requests).toHaveLength(1);
    const req = env.proxy.requests[0]!;
    expect(req.api).toBe('v2');
    expect(req.path).toBe('/v2/email/outbound-emails');
    const body = v2Body(req);
    expect(body.Destination).toEqual({
      ToAddresses: ['one@example.com'],
      CcAddresses: ['two@example.com'],
      BccAddresses: ['hidden@example.com'],
    });
    expect(body.FromEmailAddress).toBe('bounce@example.com');
    expect(body.FromEmailAddressIdentityArn).toBe('arn:aws:ses:eu-west-1:123456789012:identity/example.com');
    expect(body.ConfigurationSetName).toBe('per-send');
    expect(body.EmailTags).toEqual([
      { Name: 'app', Value: 'rawmail' },
      { Name: 'campaign', Value: 'nov-26' },
    ]);
    // v1 names must not leak into a v2 request (SES ignores unknown names silently).
    for (const k of ['Destinations', 'Source', 'Tags', 'SourceArn', 'FromArn', 'ReturnPathArn']) {
      expect(body).not.toHaveProperty(k);
    }
    expect(rawBytesOf(req).equals(raw)).toBe(true);
    expect(result.destinations).toEqual(['one@example.com', 'two@example.com', 'hidden@example.com']);

    const stored = await env.emu.find(result.messageId);
    expect(stored).toBeDefined();
    expect(stored!.from.replace(/"/g, '')).toBe('Sender <sender@example.com>');
    expect(stored!.destination.to.map((a) => a.replace(/"/g, ''))).toEqual(['Rcpt One <one@example.com>']);
    expect(stored!.destination.cc).toEqual(['two@example.com']);
    expect(stored!.subject).toBe('Test message');
    expect(stored!.body.text?.trim()).toBe('Hello there.\nSecond line.');
    expect(stored!.attachments).toHaveLength(1);
    expect(stored!.attachments[0]!.filename).toBe('invoice.pdf');
    expect(stored!.attachments[0]!.contentType).toBe('application/pdf');
    expect(Buffer.from(stored!.attachments[0]!.content, 'base64').equals(pdf)).toBe(true);
  });

  test('returnPathArn is refused for v2 (no such field) before any request', async () => {
    const sender = createSesSender({ client: env.clients.v2 });
    const err = await sender
      .send(rawMessage(), { destinations: ['one@example.com'], returnPathArn: 'arn:aws:ses:x' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SesOptionsError);
    expect((err as SesOptionsError).code).toBe('ses.option-unsupported-by-api');
    expect(env.proxy.requests).toHaveLength(0);
  });

  test('sourceArn and fromArn both map to FromEmailAddressIdentityArn; different values are refused', async () => {
    const sender = createSesSender({ client: env.clients.v2 });
    await sender.send(rawMessage(), {
      destinations: ['one@example.com'],
      fromArn: 'arn:aws:ses:eu-west-1:1:identity/a',
    });
    expect(v2Body(env.proxy.requests[0]!).FromEmailAddressIdentityArn).toBe(
      'arn:aws:ses:eu-west-1:1:identity/a',
    );
    const err = await sender
      .send(rawMessage(), { destinations: ['one@example.com'], fromArn: 'arn:a', sourceArn: 'arn:b' })
      .catch((e: unknown) => e);
    expect((err as SesOptionsError).code).toBe('ses.option-unsupported-by-api');
    expect(env.proxy.requests).toHaveLength(1);
  });
});

describe('send through SESClient (SendRawEmail)', () => {
  test('maps every option to its v1 field on the wire', async () => {
    const sender = createSesSender({
      client: env.clients.v1,
      tags: [{ name: 'app', value: 'rawmail' }],
      retry: fastRetry,
    });
    const raw = rawMessage({ cc: 'two@example.com' });
    const result = await sender.send(raw, {
      source: 'Bounces <bounce@example.com>',
      destinations: ['one@example.com', 'two@example.com', 'hidden@example.com'],
      configurationSetName: 'set_1',
      sourceArn: 'arn:aws:ses:eu-west-1:1:identity/source',
      fromArn: 'arn:aws:ses:eu-west-1:1:identity/from',
      returnPathArn: 'arn:aws:ses:eu-west-1:1:identity/return',
    });
    expect(result.report.profile).toBe('ses-v1');
    const req = env.proxy.requests[0]!;
    expect(req.api).toBe('v1');
    const p = v1Params(req);
    expect(p.Action).toBe('SendRawEmail');
    expect(p.Source).toBe('Bounces <bounce@example.com>');
    expect(envelopeOf(req)).toEqual(['one@example.com', 'two@example.com', 'hidden@example.com']);
    expect(p['Tags.member.1.Name']).toBe('app');
    expect(p['Tags.member.1.Value']).toBe('rawmail');
    expect(p.ConfigurationSetName).toBe('set_1');
    expect(p.SourceArn).toBe('arn:aws:ses:eu-west-1:1:identity/source');
    expect(p.FromArn).toBe('arn:aws:ses:eu-west-1:1:identity/from');
    expect(p.ReturnPathArn).toBe('arn:aws:ses:eu-west-1:1:identity/return');
    for (const k of ['Destination', 'FromEmailAddress', 'EmailTags', 'FromEmailAddressIdentityArn']) {
      expect(Object.keys(p).some((key) => key.split('.')[0] === k)).toBe(false);
    }
    expect(rawBytesOf(req).equals(raw)).toBe(true);
    const stored = await env.emu.find(result.messageId);
    expect(stored?.subject).toBe('Test message');
  });

  test('a composed message supplies the envelope (Bcc included)', async () => {
    const sender = createSesSender({ client: env.clients.v1 });
    const raw = rawMessage({ to: 'one@example.com' });
    await sender.send({
      raw,
      envelope: { from: 'sender@example.com', to: ['one@example.com', 'secret@example.com'] },
    });
    expect(envelopeOf(env.proxy.requests[0]!)).toEqual(['one@example.com', 'secret@example.com']);
  });
});

describe('validation gate', () => {
  test('the bytes sent are the bytes validated, even if the caller changes its buffer meanwhile', async () => {
    const sender = createSesSender({ client: env.clients.v2, retry: fastRetry });
    const raw = rawMessage();
    const original = Buffer.from(raw);
    const pending = sender.send(raw, { destinations: ['one@example.com'] });
    raw.fill(0x0a); // the caller reuses its buffer while validation runs
    await pending;
    expect(rawBytesOf(env.proxy.requests[0]!).equals(original)).toBe(true);
  });

  test('a message failing validation throws ValidationFailedError with the report; no request is made', async () => {
    const sender = createSesSender({
      client: env.clients.v2,
      profile: { name: 'tiny', extends: 'ses-v2', maxMessageBytes: 100 },
    });
    const err = await sender
      .send(rawMessage(), { destinations: ['one@example.com'] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationFailedError);
    const report = (err as ValidationFailedError).report;
    expect(report.ok).toBe(false);
    expect(report.issues.map((i) => i.code)).toContain('message.too-large');
    expect((err as ValidationFailedError).message).toContain('message.too-large');
    expect(env.proxy.requests).toHaveLength(0);
  });

  test('bad tags and configuration set names are refused by the validator before sending', async () => {
    const sender = createSesSender({ client: env.clients.v1 });
    const err = await sender
      .send(rawMessage(), { destinations: ['one@example.com'], tags: [{ name: 'bad name', value: 'x' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationFailedError);
    expect((err as ValidationFailedError).report.issues.map((i) => i.code)).toContain('ses.tag-invalid');
    expect(env.proxy.requests).toHaveLength(0);
  });

  test('a malformed custom profile is the validator’s typed options error; no request', async () => {
    const sender = createSesSender({
      client: env.clients.v2,
      profile: { name: '', extends: 'nope' } as never,
    });
    await expect(sender.send(rawMessage(), { destinations: ['one@example.com'] })).rejects.toMatchObject({
      code: 'validate.options-invalid',
    });
    expect(env.proxy.requests).toHaveLength(0);
  });

  test('wrong argument types are typed errors', async () => {
    expect(() => createSesSender({ client: {} as never })).toThrow(SesOptionsError);
    expect(() => createSesSender({ client: env.clients.v2, retry: { maxAttempts: 0 } })).toThrow(
      /retry.maxAttempts/,
    );
    const sender = createSesSender({ client: env.clients.v2 });
    await expect(sender.send(42 as never)).rejects.toMatchObject({ code: 'ses.message-type' });
    await expect(sender.send(rawMessage(), { destination: ['x'] } as never)).rejects.toMatchObject({
      code: 'ses.options-invalid',
    });
    const notSes = { send: async () => ({}), config: { serviceId: 'S3' } };
    await expect(createSesSender({ client: notSes }).send(rawMessage())).rejects.toMatchObject({
      code: 'ses.client-unsupported',
    });
    expect(env.proxy.requests).toHaveLength(0);
  });
});

describe('errors and retries, counted on the wire', () => {
  test('v1 Throttling is retried with backoff until it succeeds; the SDK adds no retries of its own', async () => {
    const delays: number[] = [];
    const sender = createSesSender({
      client: env.clients.v1,
      retry: { ...fastRetry, maxAttempts: 4, random: () => 0.999, sleep: async (ms) => void delays.push(ms) },
    });
    env.proxy.onRequest = (r) => (r.index < 2 ? v1Throttling : undefined);
    const r = await sender.send(rawMessage(), { destinations: ['one@example.com'] });
    expect(r.attempts).toBe(3);
    expect(env.proxy.requests).toHaveLength(3);
    expect(env.proxy.forwarded()).toHaveLength(1);
    expect(delays).toEqual([0, 1]); // full jitter below min(cap, base * 2^n): floor(0.999 * 1), floor(0.999 * 2)
    expect(env.proxy.requests.every((q) => q.headers['amz-sdk-request'] === 'attempt=1; max=1')).toBe(true);
  });

  test('v2 429 TooManyRequestsException is retried; exhausting attempts reports Throttling', async () => {
    const sender = createSesSender({ client: env.clients.v2, retry: { ...fastRetry, maxAttempts: 3 } });
    env.proxy.onRequest = () => v2TooManyRequests;
    const err = (await sender
      .send(rawMessage(), { destinations: ['one@example.com'] })
      .catch((e: unknown) => e)) as SesSendError;
    expect(err).toBeInstanceOf(SesSendError);
    expect(err.code).toBe('Throttling');
    expect(err.retryable).toBe(true);
    expect(err.ambiguous).toBe(false);
    expect(err.httpStatus).toBe(429);
    expect(err.attempts).toBe(3);
    expect(env.proxy.requests).toHaveLength(3);
  });

  test('a 503 with maxAttempts 1 reaches the wire exactly once (SDK retries overridden)', async () => {
    const sender = createSesSender({ client: env.clients.v2, retry: { ...fastRetry, maxAttempts: 1 } });
    env.proxy.onRequest = () => ({ kind: 'status', status: 503 });
    const err = (await sender
      .send(rawMessage(), { destinations: ['one@example.com'] })
      .catch((e: unknown) => e)) as SesSendError;
    expect(err.code).toBe('ServerError');
    expect(err.retryable).toBe(true);
    expect(env.proxy.requests).toHaveLength(1);
  });

  test('v1 too: a 503 with maxAttempts 1 reaches the wire once', async () => {
    const sender = createSesSender({ client: env.clients.v1, retry: { ...fastRetry, maxAttempts: 1 } });
    env.proxy.onRequest = () => ({ kind: 'status', status: 503 });
    const err = (await sender
      .send(rawMessage(), { destinations: ['one@example.com'] })
      .catch((e: unknown) => e)) as SesSendError;
    expect(err.code).toBe('ServerError');
    expect(env.proxy.requests).toHaveLength(1);
  });

  test('the user’s client is not modified: its own commands keep the SDK retries', async () => {
    const { SendEmailCommand } = await import('@aws-sdk/client-sesv2');
    const sender = createSesSender({ client: env.clients.v2, retry: { ...fastRetry, maxAttempts: 1 } });
    env.proxy.onRequest = () => ({ kind: 'status', status: 503 });
    await sender.send(rawMessage(), { destinations: ['one@example.com'] }).catch(() => undefined);
    expect(env.proxy.requests).toHaveLength(1);
    await env.clients.v2
      .send(new SendEmailCommand({ Content: { Raw: { Data: rawMessage() } } }))
      .catch(() => undefined);
    expect(env.proxy.requests).toHaveLength(4); // 1 from the sender + 3 from the SDK's own retry policy
  });

  test('the daily quota is not retried', async () => {
    const sender = createSesSender({ client: env.clients.v1, retry: fastRetry });
    env.proxy.onRequest = () => ({
      kind: 'v1-error',
      code: 'Throttling',
      message: 'Daily message quota exceeded.',
    });
    const err = (await sender
      .send(rawMessage(), { destinations: ['one@example.com'] })
      .catch((e: unknown) => e)) as SesSendError;
    expect(err.code).toBe('DailyQuotaExceeded');
    expect(err.retryable).toBe(false);
    expect(env.proxy.requests).toHaveLength(1);
  });

  test.each([
    [
      'v1',
      { kind: 'v1-error', code: 'MessageRejected', message: "Duplicate header 'X-Campaign'." },
      'MessageRejected',
      'header.duplicate',
    ],
    [
      'v1',
      { kind: 'v1-error', code: 'InvalidParameterValue', message: 'Illegal address' },
      'InvalidParameterValue',
      'address.invalid',
    ],
    [
      'v1',
      {
        kind: 'v1-error',
        code: 'MailFromDomainNotVerifiedException',
        message: 'MAIL FROM domain not verified',
      },
      'MailFromDomainNotVerified',
      undefined,
    ],
    [
      'v1',
      {
        kind: 'v1-error',
        code: 'ConfigurationSetDoesNotExist',
        message: 'Configuration set <x> does not exist.',
      },
      'ConfigurationSetDoesNotExist',
      undefined,
    ],
    [
      'v1',
      { kind: 'v1-error', code: 'AccountSendingPausedException', message: 'Account sending paused.' },
      'AccountSendingPaused',
      undefined,
    ],
    [
      'v2',
      { kind: 'v2-error', status: 400, type: 'MessageRejected', message: 'Recipient count exceeds 50.' },
      'MessageRejected',
      'recipients.too-many',
    ],
    [
      'v2',
      {
        kind: 'v2-error',
        status: 400,
        type: 'BadRequestException',
        message: "Message length is more than 10485760 bytes long: '10485761'.",
      },
      'InvalidParameterValue',
      'message.too-large',
    ],
    [
      'v2',
      { kind: 'v2-error', status: 400, type: 'SendingPausedException', message: 'Sending is paused.' },
      'AccountSendingPaused',
      undefined,
    ],
    [
      'v2',
      {
        kind: 'v2-error',
        status: 404,
        type: 'NotFoundException',
        message: 'Configuration set x does not exist.',
      },
      'NotFound',
      undefined,
    ],
  ] as const)('%s %o → %s, not retried, rule %s', async (api, fault, code, ruleCode) => {
    const sender = createSesSender({
      client: api === 'v1' ? env.clients.v1 : env.clients.v2,
      retry: fastRetry,
    });
    env.proxy.onRequest = () => fault;
    const err = (await sender
      .send(rawMessage(), { destinations: ['one@example.com'] })
      .catch((e: unknown) => e)) as SesSendError;
    expect(err).toBeInstanceOf(SesSendError);
    expect(err.code).toBe(code);
    expect(err.message).toBe(fault.message);
    expect(err.retryable).toBe(false);
    expect(err.ruleCode).toBe(ruleCode);
    expect(env.proxy.requests).toHaveLength(1);
  });

  test('a reset before any answer is ambiguous: not retried by default, the message may have been sent', async () => {
    const sender = createSesSender({ client: env.clients.v1, retry: fastRetry });
    env.proxy.onRequest = () => ({ kind: 'reset-after' });
    const before = (await env.emu.store()).length;
    const err = (await sender
      .send(rawMessage(), { destinations: ['one@example.com'] })
      .catch((e: unknown) => e)) as SesSendError;
    expect(err.code).toBe('Network');
    expect(err.ambiguous).toBe(true);
    expect(err.retryable).toBe(false);
    expect(env.proxy.requests).toHaveLength(1);
    expect((await env.emu.store()).length - before).toBe(1); // it was in fact delivered once
  });

  test('retry.ambiguous: true opts in to retrying after a reset (and can deliver twice)', async () => {
    const sender = createSesSender({ client: env.clients.v2, retry: { ...fastRetry, ambiguous: true } });
    env.proxy.onRequest = (r) => (r.index === 0 ? { kind: 'reset-after' } : undefined);
    const before = (await env.emu.store()).length;
    const r = await sender.send(rawMessage(), { destinations: ['one@example.com'] });
    expect(r.attempts).toBe(2);
    expect((await env.emu.store()).length - before).toBe(2);
  });

  test('a reset before forwarding, with retry.ambiguous, is retried and delivered once', async () => {
    const sender = createSesSender({ client: env.clients.v1, retry: { ...fastRetry, ambiguous: true } });
    env.proxy.onRequest = (r) => (r.index === 0 ? { kind: 'reset-before' } : undefined);
    const r = await sender.send(rawMessage(), { destinations: ['one@example.com'] });
    expect(r.attempts).toBe(2);
    expect(env.proxy.forwarded()).toHaveLength(1);
  });

  test('no answer within attemptTimeoutMs is an ambiguous Timeout, not retried', async () => {
    const sender = createSesSender({
      client: env.clients.v2,
      retry: { ...fastRetry, attemptTimeoutMs: 200 },
    });
    env.proxy.onRequest = () => ({ kind: 'hang' });
    const err = (await sender
      .send(rawMessage(), { destinations: ['one@example.com'] })
      .catch((e: unknown) => e)) as SesSendError;
    expect(err.code).toBe('Timeout');
    expect(err.ambiguous).toBe(true);
    expect(env.proxy.requests).toHaveLength(1);
  });

  test('the client’s own requestTimeout firing is an ambiguous Timeout too, not retried', async () => {
    const { makeClients } = await import('./harness/clients.js');
    const impatient = makeClients(env.proxy.url, 200);
    const sender = createSesSender({ client: impatient.v1, retry: fastRetry });
    env.proxy.onRequest = () => ({ kind: 'hang' });
    const err = (await sender
      .send(rawMessage(), { destinations: ['one@example.com'] })
      .catch((e: unknown) => e)) as SesSendError;
    expect([err.code, err.ambiguous, err.retryable]).toEqual(['Timeout', true, false]);
    expect(env.proxy.requests).toHaveLength(1);
    impatient.v1.destroy();
    impatient.v2.destroy();
  });

  test('a slow answer within the timeout succeeds', async () => {
    const sender = createSesSender({ client: env.clients.v2, retry: fastRetry });
    env.proxy.onRequest = () => ({ kind: 'delay', ms: 100 });
    const r = await sender.send(rawMessage(), { destinations: ['one@example.com'] });
    expect(r.attempts).toBe(1);
  });

  test('connection refused happens before the request: retried, not ambiguous', async () => {
    const { makeClients } = await import('./harness/clients.js');
    const dead = makeClients('http://127.0.0.1:1');
    const sender = createSesSender({ client: dead.v1, retry: { ...fastRetry, maxAttempts: 3 } });
    const err = (await sender
      .send(rawMessage(), { destinations: ['one@example.com'] })
      .catch((e: unknown) => e)) as SesSendError;
    expect(err.code).toBe('Network');
    expect(err.retryable).toBe(true);
    expect(err.ambiguous).toBe(false);
    expect(err.attempts).toBe(3);
    dead.v1.destroy();
    dead.v2.destroy();
  });
});

describe('with @rawmail/compose and the shared address parser', () => {
  test('a composed message: its envelope (Bcc included) is the destination; the stored copy matches', async () => {
    const { compose } = await import('@rawmail/compose');
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    const msg = await compose({
      from: { name: 'Zoë Åström', address: 'zoe@example.com' },
      to: ['Jürgen Groß <juergen@example.com>', 'plain@example.com'],
      cc: 'Ana <ana@example.com>',
      bcc: 'hidden@example.com',
      subject: 'Grüße aus Köln — Rechnung №42',
      text: 'Hallo Jürgen!\nAnbei die Rechnung.',
      html: '<p>Hallo Jürgen!</p><img src="cid:logo@rawmail">',
      attachments: [
        { filename: 'logo.png', content: png, contentType: 'image/png', cid: 'logo@rawmail' },
        { filename: 'Rechnung №42.pdf', content: pdf, contentType: 'application/pdf' },
      ],
    });
    const sender = createSesSender({ client: env.clients.v2, retry: fastRetry });
    const r = await sender.send(msg);
    expect(r.report.ok).toBe(true);
    const req = env.proxy.requests[0]!;
    expect(rawBytesOf(req).equals(Buffer.from(msg.raw))).toBe(true);
    expect(v2Body(req).Destination).toEqual({
      ToAddresses: ['juergen@example.com', 'plain@example.com'],
      CcAddresses: ['ana@example.com'],
      BccAddresses: ['hidden@example.com'],
    });
    const stored = await env.emu.find(r.messageId);
    expect(stored!.subject).toBe('Grüße aus Köln — Rechnung №42');
    expect(stored!.from.replace(/"/g, '')).toBe('Zoë Åström <zoe@example.com>');
    expect(stored!.destination.bcc).toEqual([]);
    expect(stored!.body.text?.trim()).toBe('Hallo Jürgen!\nAnbei die Rechnung.');
    expect(stored!.body.html).toContain('<p>Hallo Jürgen!</p>');
    const byName = new Map(stored!.attachments.map((a) => [a.filename, a]));
    expect(Buffer.from(byName.get('Rechnung №42.pdf')!.content, 'base64').equals(pdf)).toBe(true);
    expect(Buffer.from(byName.get('logo.png')!.content, 'base64').equals(png)).toBe(true);
  });

  test('a composed message: its envelope sender is the Source unless `source` is given (v1 and v2)', async () => {
    const { compose } = await import('@rawmail/compose');
    const msg = await compose({
      from: 'Zoë <zoe@example.com>',
      sender: 'bounces@example.com',
      to: 'ana@example.com',
      subject: 'Envelope sender',
      text: 'hi',
    });
    for (const client of [env.clients.v1, env.clients.v2]) {
      await createSesSender({ client, retry: fastRetry }).send(msg);
      await createSesSender({ client, retry: fastRetry }).send(msg, { source: 'other@example.com' });
    }
    const sources = env.proxy.requests.map((req) =>
      req.api === 'v1' ? v1Params(req).Source : (v2Body(req).FromEmailAddress as string),
    );
    expect(sources).toEqual([
      'bounces@example.com',
      'other@example.com',
      'bounces@example.com',
      'other@example.com',
    ]);
  });

  test('without destinations, every To, Cc and Bcc header address reaches the envelope', async () => {
    const sender = createSesSender({ client: env.clients.v1, retry: fastRetry });
    const raw = rawMessage({
      to: 'One <one@example.com>, Team: a@example.com, b@example.com;',
      cc: 'c@example.com',
      bcc: 'secret@example.com',
    });
    const r = await sender.send(raw);
    expect(r.report.issues.map((i) => i.code)).toContain('header.bcc-present');
    expect(envelopeOf(env.proxy.requests[0]!)).toEqual([
      'one@example.com',
      'a@example.com',
      'b@example.com',
      'c@example.com',
      'secret@example.com',
    ]);
  });

  test('a non-ASCII source display name goes on the wire as an RFC 2047 word (v1 Source and v2 FromEmailAddress)', async () => {
    for (const client of [env.clients.v1, env.clients.v2]) {
      env.proxy.reset();
      const sender = createSesSender({ client, retry: fastRetry });
      await sender.send(rawMessage(), {
        source: 'Zoë Åström <zoe@example.com>',
        destinations: ['one@example.com'],
      });
      const req = env.proxy.requests[0]!;
      const source = req.api === 'v1' ? v1Params(req).Source! : (v2Body(req).FromEmailAddress as string);
      expect(source).toMatch(/^=\?UTF-8\?[BQ]\?[^?]+\?=( =\?UTF-8\?[BQ]\?[^?]+\?=)* <zoe@example\.com>$/i);
      expect(/[^\x20-\x7e]/.test(source)).toBe(false);
      const { simpleParser } = await import('mailparser');
      const parsed = await simpleParser(`From: ${source}\r\n\r\n`);
      expect(parsed.from?.value[0]).toMatchObject({ name: 'Zoë Åström', address: 'zoe@example.com' });
    }
  });

  test('a source with a non-ASCII local part is refused by validation, not sent', async () => {
    const sender = createSesSender({ client: env.clients.v2 });
    const err = await sender
      .send(rawMessage(), { source: 'Zoë <zoë@example.com>', destinations: ['one@example.com'] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationFailedError);
    expect(env.proxy.requests).toHaveLength(0);
  });

  test('header injection in an explicit destination is refused before sending', async () => {
    const sender = createSesSender({ client: env.clients.v1 });
    const err = await sender
      .send(rawMessage(), { destinations: ['one@example.com\r\nBcc: evil@example.org'] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationFailedError);
    expect(env.proxy.requests).toHaveLength(0);
  });
});
