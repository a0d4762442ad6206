import nodemailer from 'nodemailer';
import { describe, expect, test } from 'vitest';
import { createSesSender, SesOptionsError, SesSendError, ValidationFailedError } from '../src/index.js';
import { SesRawTransport, type SesRawTransportInfo } from '../src/nodemailer/index.js';
import { fastRetry, useSesEnv } from './harness/env.js';
import {
  accountAnswer,
  actionOf,
  badCredentialsAnswer,
  envelopeOf,
  rawBytesOf,
  v1Params,
  v2Body,
} from './harness/proxy.js';

const env = useSesEnv();

const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5000, 42), Buffer.from('\n%%EOF\n')]);

const mail = {
  from: 'Zoë Åström <zoe@example.com>',
  to: 'Jürgen Groß <juergen@example.com>',
  cc: 'Ana <ana@example.com>',
  bcc: 'Hidden Person <hidden@example.com>',
  subject: 'Ihre Rechnung — Größe & Übersicht ✓',
  text: 'Hallo Jürgen,\nanbei die Rechnung.',
  html: '<p>Hallo Jürgen,</p><p><img src="cid:logo@rawmail"></p>',
  attachments: [
    { filename: 'logo.png', content: png, cid: 'logo@rawmail', contentType: 'image/png' },
    { filename: 'Rechnung Nr. 42 – Größe.pdf', content: pdf, contentType: 'application/pdf' },
  ],
};

describe('SesRawTransport with the real nodemailer', () => {
  test('sends nodemailer’s compiled bytes; Bcc only in the envelope; resolves with messageId/envelope/response/report', async () => {
    const sender = createSesSender({ client: env.clients.v2, retry: fastRetry });
    const transporter = nodemailer.createTransport(new SesRawTransport({ sender }));
    const info = (await transporter.sendMail(mail)) as unknown as SesRawTransportInfo;

    expect(info.messageId).toMatch(/^<ses-\d+@eu-west-1\.amazonses\.com>$/);
    expect(info.response).toBe(info.sesMessageId);
    expect(info.report.ok).toBe(true);
    expect(info.envelope.from).toBe('zoe@example.com');
    // As with nodemailer's own SES transport, the envelope sender is sent as the Source.
    expect(v2Body(env.proxy.requests[0]!).FromEmailAddress).toBe('zoe@example.com');
    expect([...info.envelope.to].sort()).toEqual([
      'ana@example.com',
      'hidden@example.com',
      'juergen@example.com',
    ]);

    const req = env.proxy.requests[0]!;
    expect(envelopeOf(req).sort()).toEqual(['ana@example.com', 'hidden@example.com', 'juergen@example.com']);
    expect(v2Body(req).Destination).toEqual({
      ToAddresses: ['juergen@example.com'],
      CcAddresses: ['ana@example.com'],
      BccAddresses: ['hidden@example.com'],
    });
    const raw = rawBytesOf(req).toString('latin1');
    expect(raw).not.toMatch(/^bcc:/im);
    expect(raw).not.toContain('hidden@example.com');
    // 7-bit on the wire: nodemailer encoded every non-ASCII name and the subject.
    expect(/[\x80-\xff]/.test(raw.slice(0, raw.indexOf('\r\n\r\n')))).toBe(false);
    expect(info.report.size).toBe(rawBytesOf(req).length);
    // nodemailer leaves the text's "\n" bare; like nodemailer's own SES transport we send CRLF only.
    expect(/(^|[^\r])\n/.test(raw)).toBe(false);
    expect(info.report.issues.map((i) => i.code)).not.toContain('line.bare-newline');

    const stored = await env.emu.find(info.sesMessageId);
    expect(stored).toBeDefined();
    expect(stored!.subject).toBe(mail.subject);
    const unquote = (s: string | undefined) => s?.replace(/"/g, '');
    expect(unquote(stored!.from)).toBe('Zoë Åström <zoe@example.com>');
    expect(stored!.destination.to.map(unquote)).toEqual(['Jürgen Groß <juergen@example.com>']);
    expect(stored!.destination.cc.map(unquote)).toEqual(['Ana <ana@example.com>']);
    expect(stored!.destination.bcc).toEqual([]);
    expect(stored!.body.text?.trim()).toBe(mail.text);
    const byName = new Map(stored!.attachments.map((a) => [a.filename, a]));
    expect(Buffer.from(byName.get('logo.png')!.content, 'base64').equals(png)).toBe(true);
    const invoice = byName.get('Rechnung Nr. 42 – Größe.pdf');
    expect(invoice?.contentType).toBe('application/pdf');
    expect(Buffer.from(invoice!.content, 'base64').equals(pdf)).toBe(true);
  });

  test('an explicit nodemailer envelope is the SES envelope and its from is the Source (v1)', async () => {
    const sender = createSesSender({ client: env.clients.v1, retry: fastRetry });
    const transporter = nodemailer.createTransport(new SesRawTransport({ sender, region: 'us-east-1' }));
    const info = (await transporter.sendMail({
      ...mail,
      envelope: { from: 'bounces@example.com', to: ['juergen@example.com'] },
    })) as unknown as SesRawTransportInfo;
    expect(info.messageId).toMatch(/@email\.amazonses\.com>$/);
    const req = env.proxy.requests[0]!;
    expect(envelopeOf(req)).toEqual(['juergen@example.com']);
    expect(new URLSearchParams(req.body.toString()).get('Source')).toBe('bounces@example.com');
  });

  test('a message that fails validation rejects sendMail with the report; nothing is sent', async () => {
    const sender = createSesSender({
      client: env.clients.v2,
      profile: { name: 'small', extends: 'ses-v2', maxMessageBytes: 4096 },
    });
    const transporter = nodemailer.createTransport(new SesRawTransport({ sender }));
    const err = await transporter.sendMail(mail).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationFailedError);
    expect((err as ValidationFailedError).report.issues.map((i) => i.code)).toContain('message.too-large');
    expect(env.proxy.requests).toHaveLength(0);
  });

  test('a blocked attachment type rejects with the coded report; nothing is sent', async () => {
    const sender = createSesSender({ client: env.clients.v2 });
    const transporter = nodemailer.createTransport(new SesRawTransport({ sender }));
    const err = await transporter
      .sendMail({ ...mail, attachments: [{ filename: 'setup.exe', content: Buffer.from('MZ') }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationFailedError);
    const issue = (err as ValidationFailedError).report.issues.find(
      (i) => i.code === 'attachment.blocked-type',
    );
    expect(issue?.message).toContain('setup.exe');
    expect(env.proxy.requests).toHaveLength(0);
  });

  test('transporter.verify() is rejected for a client that is not SES', async () => {
    const bad = nodemailer.createTransport(
      new SesRawTransport({
        sender: createSesSender({ client: { send: async () => ({}), config: { serviceId: 'S3' } } }),
      }),
    );
    await expect(bad.verify()).rejects.toMatchObject({ code: 'ses.client-unsupported' });
    expect(new SesRawTransport({ sender: createSesSender({ client: env.clients.v2 }) }).name).toBe(
      'SesRawTransport',
    );
  });
});

test('SesRawTransport without a sender is a typed options error', () => {
  for (const bad of [undefined, {}, { sender: {} }]) {
    let err: unknown;
    try {
      new SesRawTransport(bad as never);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SesOptionsError);
    expect((err as SesOptionsError).code).toBe('ses.options-invalid');
  }
});

const plain = { from: 'Zoë <zoe@example.com>', subject: 'Envelope forms', text: 'Hello.' };

describe('every envelope form nodemailer accepts reaches the wire (getEnvelope semantics)', () => {
  test.each([
    [
      'explicit to, cc and bcc arrays',
      {
        to: 'shown@example.com',
        envelope: {
          from: 'b@example.com',
          to: ['x@example.com'],
          cc: ['c@example.com'],
          bcc: ['d@example.com'],
        },
      },
      ['x@example.com', 'c@example.com', 'd@example.com'],
    ],
    [
      'a comma-separated string with a display name',
      {
        to: 'shown@example.com',
        envelope: { from: 'b@example.com', to: 'x@example.com, Y <y@example.com>' },
      },
      ['x@example.com', 'y@example.com'],
    ],
    [
      "an array of 'Name <addr>' strings",
      {
        to: 'shown@example.com',
        envelope: { from: 'b@example.com', to: ['Y <y@example.com>', 'Zed <z@example.com>'] },
      },
      ['y@example.com', 'z@example.com'],
    ],
    [
      'address objects and a group',
      {
        to: 'shown@example.com',
        envelope: {
          from: { name: 'Bounces', address: 'b@example.com' },
          to: [{ name: 'Ex', address: 'x@example.com' }, 'Team: t1@example.com, t2@example.com;'],
        },
      },
      ['x@example.com', 't1@example.com', 't2@example.com'],
    ],
    [
      'envelope.from alone: the message’s To, Cc and Bcc are the recipients',
      {
        to: 'To <to@example.com>',
        cc: 'cc@example.com',
        bcc: 'Hidden <hidden@example.com>',
        envelope: { from: 'b@example.com' },
      },
      ['to@example.com', 'cc@example.com', 'hidden@example.com'],
    ],
    [
      'no envelope: computed from the headers, Bcc included',
      { to: 'to@example.com', bcc: ['h1@example.com', 'h2@example.com'] },
      ['to@example.com', 'h1@example.com', 'h2@example.com'],
    ],
  ] as const)('%s', async (_name, fields, expected) => {
    for (const client of [env.clients.v2, env.clients.v1]) {
      env.proxy.reset();
      const transporter = nodemailer.createTransport(
        new SesRawTransport({ sender: createSesSender({ client }) }),
      );
      const info = (await transporter.sendMail({
        ...plain,
        ...fields,
      } as never)) as unknown as SesRawTransportInfo;
      const req = env.proxy.requests[0]!;
      expect(envelopeOf(req)).toEqual(expected);
      expect(info.envelope.to).toEqual(expected);
      const source = req.api === 'v1' ? v1Params(req).Source : v2Body(req).FromEmailAddress;
      expect(source).toBe('envelope' in fields ? 'b@example.com' : 'zoe@example.com');
      // Recipients that are only in the envelope (or Bcc) never appear in the bytes.
      const raw = rawBytesOf(req).toString('latin1');
      const inHeaders = [fields.to, 'cc' in fields ? fields.cc : ''].join(' ');
      for (const a of expected) {
        if (!inHeaders.includes(a))
          expect(new RegExp(`(^|[^\\w.-])${a.replace(/\./g, '\\.')}`).test(raw)).toBe(false);
      }
    }
  });

  test('an explicit envelope whose recipients are empty or parse to none is refused with a message saying so', async () => {
    const transporter = nodemailer.createTransport(
      new SesRawTransport({ sender: createSesSender({ client: env.clients.v2 }) }),
    );
    for (const to of ['not an address', [] as string[]]) {
      const err = (await transporter
        .sendMail({ ...plain, to: 'shown@example.com', envelope: { from: 'b@example.com', to } })
        .catch((e: unknown) => e)) as ValidationFailedError;
      expect(err).toBeInstanceOf(ValidationFailedError);
      const issue = err.report.issues.find((i) => i.code === 'recipients.none');
      expect(issue?.message).toContain('is empty');
    }
    expect(env.proxy.requests).toHaveLength(0);
  });
});

describe("per-message SES options (mail.data.ses, as nodemailer's SES transport merges them)", () => {
  test('v2 names map to the v2 request; tags merge with the transport’s by name', async () => {
    const transporter = nodemailer.createTransport(
      new SesRawTransport({
        sender: createSesSender({ client: env.clients.v2 }),
        sendOptions: {
          tags: [
            { name: 'app', value: 'shop' },
            { name: 'kind', value: 'base' },
          ],
        },
      }),
    );
    await transporter.sendMail({
      ...plain,
      to: 'ana@example.com',
      ses: {
        ConfigurationSetName: 'transactional',
        EmailTags: [{ Name: 'kind', Value: 'receipt' }],
        FromEmailAddressIdentityArn: 'arn:aws:ses:eu-west-1:123456789012:identity/example.com',
        FeedbackForwardingEmailAddress: 'feedback@example.com',
        ListManagementOptions: { ContactListName: 'customers', TopicName: 'receipts' },
        TenantName: 'tenant-a',
      },
    } as never);
    const body = v2Body(env.proxy.requests[0]!);
    expect(body).toMatchObject({
      ConfigurationSetName: 'transactional',
      EmailTags: [
        { Name: 'app', Value: 'shop' },
        { Name: 'kind', Value: 'receipt' },
      ],
      FromEmailAddressIdentityArn: 'arn:aws:ses:eu-west-1:123456789012:identity/example.com',
      FeedbackForwardingEmailAddress: 'feedback@example.com',
      ListManagementOptions: { ContactListName: 'customers', TopicName: 'receipts' },
      TenantName: 'tenant-a',
    });
  });

  test('v1 names map to the v1 request', async () => {
    const transporter = nodemailer.createTransport(
      new SesRawTransport({ sender: createSesSender({ client: env.clients.v1 }) }),
    );
    await transporter.sendMail({
      ...plain,
      to: 'ana@example.com',
      ses: {
        ConfigurationSetName: 'set_1',
        Tags: [{ Name: 'campaign', Value: 'nov' }],
        SourceArn: 'arn:aws:ses:eu-west-1:1:identity/source',
        FromArn: 'arn:aws:ses:eu-west-1:1:identity/from',
        ReturnPathArn: 'arn:aws:ses:eu-west-1:1:identity/return',
        Source: 'Bounces <bounces@example.com>',
      },
    } as never);
    const p = v1Params(env.proxy.requests[0]!);
    expect(p).toMatchObject({
      ConfigurationSetName: 'set_1',
      'Tags.member.1.Name': 'campaign',
      'Tags.member.1.Value': 'nov',
      SourceArn: 'arn:aws:ses:eu-west-1:1:identity/source',
      FromArn: 'arn:aws:ses:eu-west-1:1:identity/from',
      ReturnPathArn: 'arn:aws:ses:eu-west-1:1:identity/return',
      Source: 'Bounces <bounces@example.com>',
    });
  });

  test.each([
    [
      { ConfigurationSet: 'x' },
      'ses.options-invalid',
      /`ses\.ConfigurationSet` is not a known SES request field/,
    ],
    [
      { EmailTags: [{ Name: 'a' }] },
      'ses.options-invalid',
      /`ses\.EmailTags\[0\]` must have string Name and Value/,
    ],
    [{ EmailTags: { Name: 'a', Value: 'b' } }, 'ses.options-invalid', /`ses\.EmailTags` must be an array/],
    [
      { EmailTags: [{ Name: 'a', Value: 'b' }], Tags: [] },
      'ses.options-invalid',
      /`ses\.Tags` sets the same option as `ses\.EmailTags`/,
    ],
    [
      { Destination: { ToAddresses: ['x@example.com'] } },
      'ses.options-invalid',
      /`ses\.Destination` is not supported: .*`envelope`/,
    ],
    [{ ReplyToAddresses: ['r@example.com'] }, 'ses.options-invalid', /`replyTo`/],
    [
      { ConfigurationSetName: 42 },
      'ses.options-invalid',
      /`ses\.ConfigurationSetName` must be a non-empty string/,
    ],
    [{ 'Bad\r\nKey': 'x' }, 'ses.options-invalid', /`ses\.Bad\\x0d\\x0aKey`/],
    [
      { FeedbackForwardingEmailAddress: 'not an address' },
      'ses.options-invalid',
      /feedbackForwardingAddress/,
    ],
    ['ConfigurationSetName=x', 'ses.options-invalid', /mail option `ses` must be an object/],
  ] as const)('ses %o → %s', async (ses, code, message) => {
    const transporter = nodemailer.createTransport(
      new SesRawTransport({ sender: createSesSender({ client: env.clients.v2 }) }),
    );
    const err = (await transporter
      .sendMail({ ...plain, to: 'ana@example.com', ses } as never)
      .catch((e: unknown) => e)) as SesOptionsError;
    expect(err).toBeInstanceOf(SesOptionsError);
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
    expect(/[\r\n]/.test(err.message)).toBe(false);
    expect(env.proxy.requests).toHaveLength(0);
  });

  test('a v2-only field through a v1 client, and an ill-formed tag name, are refused before sending', async () => {
    const v1 = nodemailer.createTransport(
      new SesRawTransport({ sender: createSesSender({ client: env.clients.v1 }) }),
    );
    await expect(
      v1.sendMail({ ...plain, to: 'ana@example.com', ses: { TenantName: 't' } } as never),
    ).rejects.toMatchObject({ code: 'ses.option-unsupported-by-api' });
    const v2 = nodemailer.createTransport(
      new SesRawTransport({ sender: createSesSender({ client: env.clients.v2 }) }),
    );
    const err = (await v2
      .sendMail({
        ...plain,
        to: 'ana@example.com',
        ses: { EmailTags: [{ Name: 'bad name', Value: 'x' }] },
      } as never)
      .catch((e: unknown) => e)) as ValidationFailedError;
    expect(err).toBeInstanceOf(ValidationFailedError);
    expect(err.report.issues.map((i) => i.code)).toContain('ses.tag-invalid');
    expect(env.proxy.requests).toHaveLength(0);
  });
});

describe('transporter.verify() asks SES', () => {
  const figures = { max24HourSend: 200, maxSendRate: 1, sentLast24Hours: 3, sendingEnabled: true };

  test.each([
    ['v2', ['GET /v2/email/account']],
    ['v1', ['GetAccountSendingEnabled', 'GetSendQuota']],
  ] as const)(
    '%s: resolves true after the account call; account() reports the quota',
    async (kind, actions) => {
      env.proxy.onRequest = (r) => accountAnswer(r, figures);
      const transport = new SesRawTransport({ sender: createSesSender({ client: env.clients[kind] }) });
      const transporter = nodemailer.createTransport(transport);
      await expect(transporter.verify()).resolves.toBe(true);
      expect(env.proxy.requests.map(actionOf).sort()).toEqual([...actions]);
      await expect(transport.account()).resolves.toMatchObject({
        api: kind,
        maxSendRate: 1,
        max24HourSend: 200,
      });
      // The callback form too.
      const viaCallback = await new Promise<unknown[]>((resolve) => {
        transporter.verify((err, ok) => resolve([err, ok]));
      });
      expect(viaCallback).toEqual([null, true]);
    },
  );

  test.each(['v1', 'v2'] as const)('%s: bad credentials reject with AccessDenied', async (kind) => {
    env.proxy.onRequest = badCredentialsAnswer;
    const transporter = nodemailer.createTransport(
      new SesRawTransport({ sender: createSesSender({ client: env.clients[kind] }) }),
    );
    const err = (await transporter.verify().catch((e: unknown) => e)) as SesSendError;
    expect(err).toBeInstanceOf(SesSendError);
    expect(err.code).toBe('AccessDenied');
    expect(err.message).toContain('The security token included in the request is invalid.');
  });

  test('sending disabled for the account rejects with AccountSendingPaused', async () => {
    env.proxy.onRequest = (r) => accountAnswer(r, { ...figures, sendingEnabled: false });
    const transporter = nodemailer.createTransport(
      new SesRawTransport({ sender: createSesSender({ client: env.clients.v2 }) }),
    );
    await expect(transporter.verify()).rejects.toMatchObject({ code: 'AccountSendingPaused' });
  });

  test('an endpoint that never answers: verify settles at the attempt timeout', async () => {
    env.proxy.onRequest = () => ({ kind: 'hang' });
    const transporter = nodemailer.createTransport(
      new SesRawTransport({
        sender: createSesSender({ client: env.clients.v2, retry: { attemptTimeoutMs: 200 } }),
      }),
    );
    await expect(transporter.verify()).rejects.toMatchObject({ code: 'Timeout' });
  });
});

describe('nodemailer options the transport acts on or refuses', () => {
  test('sendMail({ signal }): an abort while SES hangs settles sendMail with Aborted', async () => {
    const transporter = nodemailer.createTransport(
      new SesRawTransport({
        sender: createSesSender({ client: env.clients.v2, retry: { attemptTimeoutMs: 3_600_000 } }),
      }),
    );
    const controller = new AbortController();
    env.proxy.onRequest = () => {
      setTimeout(() => controller.abort(), 20);
      return { kind: 'hang' };
    };
    const err = (await transporter
      .sendMail({ ...plain, to: 'ana@example.com', signal: controller.signal } as never)
      .catch((e: unknown) => e)) as SesSendError;
    expect(err).toBeInstanceOf(SesSendError);
    expect([err.code, err.ambiguous]).toEqual(['Aborted', true]);
  }, 10_000);

  test.each([
    [
      { dsn: { id: 'x', return: 'headers', notify: ['failure'], recipient: 'a@example.com' } },
      /`dsn` is not supported: SES takes no DSN/,
    ],
    [{ auth: { user: 'u', pass: 'p' } }, /`auth` is not supported/],
  ])('%o is refused with the reason', async (fields, message) => {
    const transporter = nodemailer.createTransport(
      new SesRawTransport({ sender: createSesSender({ client: env.clients.v2 }) }),
    );
    const err = (await transporter
      .sendMail({ ...plain, to: 'ana@example.com', ...fields } as never)
      .catch((e: unknown) => e)) as SesOptionsError;
    expect(err).toBeInstanceOf(SesOptionsError);
    expect(err.message).toMatch(message);
    expect(env.proxy.requests).toHaveLength(0);
  });
});

test('nodemailer DKIM signing through the transport never signs Date or Message-ID (SES replaces them)', async () => {
  const { generateKeyPairSync } = await import('node:crypto');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const transporter = nodemailer.createTransport(
    new SesRawTransport({ sender: createSesSender({ client: env.clients.v2 }) }),
  );
  await transporter.sendMail({
    ...plain,
    to: 'ana@example.com',
    dkim: {
      domainName: 'example.com',
      keySelector: 'sel',
      privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    },
  } as never);
  const raw = rawBytesOf(env.proxy.requests[0]!).toString('latin1');
  const signature = /^DKIM-Signature:((?:.*)(?:\r\n[ \t].*)*)/m.exec(raw)?.[1]?.replace(/\r\n[ \t]/g, ' ');
  expect(signature).toBeDefined();
  const signed = /\bh=([^;]+)/.exec(signature!)![1]!.replace(/\s/g, '').toLowerCase().split(':');
  expect(signed).toContain('from');
  expect(signed).not.toContain('date');
  expect(signed).not.toContain('message-id');
});
