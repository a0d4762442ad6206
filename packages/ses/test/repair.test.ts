import nodemailer from 'nodemailer';
import { describe, expect, test } from 'vitest';
import { createSesSender, ValidationFailedError } from '../src/index.js';
import { SesRawTransport, type SesRawTransportInfo } from '../src/nodemailer/index.js';
import { fastRetry, useSesEnv } from './harness/env.js';
import { envelopeOf, rawBytesOf, v2Body } from './harness/proxy.js';

const env = useSesEnv();

/** A message SES refuses: a raw UTF-8 Subject (and, as a warning, a Bcc header left in). */
const broken = Buffer.from(
  'From: Sender <sender@example.com>\r\nTo: Rcpt One <one@example.com>\r\nBcc: hidden@example.com\r\nSubject: Grüße aus München\r\nDate: Fri, 27 Nov 2026 12:00:00 +0000\r\nMessage-ID: <t1@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nGrüße!\r\n',
  'utf8',
);

describe('sender.send(message, { repair: true })', () => {
  test('without repair the message is refused and nothing is sent', async () => {
    const sender = createSesSender({ client: env.clients.v2, retry: fastRetry });
    await expect(sender.send(broken)).rejects.toBeInstanceOf(ValidationFailedError);
    expect(env.proxy.requests).toHaveLength(0);
  });

  test('with repair the repaired bytes are validated and sent; the fixes are listed; Bcc goes to the envelope', async () => {
    const sender = createSesSender({ client: env.clients.v2, retry: fastRetry });
    const result = await sender.send(broken, { repair: true });
    expect(result.report.ok).toBe(true);
    expect(result.fixes?.map((f) => f.code).sort()).toEqual([
      'body.8bit',
      'header.bcc-present',
      'header.non-ascii',
    ]);
    const req = env.proxy.requests[0];
    if (req === undefined) throw new Error('no request recorded');
    const sent = rawBytesOf(req);
    expect(result.report.size).toBe(sent.length);
    expect(/[\x80-\xff]/.test(sent.toString('latin1'))).toBe(false);
    expect(sent.toString('latin1')).not.toMatch(/^Bcc:/im);
    expect(envelopeOf(req).sort()).toEqual(['hidden@example.com', 'one@example.com']);
    expect((v2Body(req).Destination as Record<string, unknown>).BccAddresses).toEqual(['hidden@example.com']);
    const stored = await env.emu.find(result.messageId);
    expect(stored?.subject).toBe('Grüße aus München');
  });

  test('a message repair cannot fix is refused and nothing is sent', async () => {
    const sender = createSesSender({ client: env.clients.v1, retry: fastRetry });
    const unfixable = Buffer.from(
      broken.toString('utf8').replace('one@example.com', 'öne@example.com'),
      'utf8',
    );
    const error = await sender.send(unfixable, { repair: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect((error as ValidationFailedError).report.issues.map((i) => i.code)).toContain(
      'address.local-non-ascii',
    );
    expect(env.proxy.requests).toHaveLength(0);
  });
});

describe('new SesRawTransport({ sender, repair: true })', () => {
  const mail = {
    from: 'Sender <sender@example.com>',
    to: 'Rcpt One <one@example.com>',
    subject: 'Report',
    text: 'See the header.',
    // nodemailer writes a prepared header as it is: one 5,000-octet line, which receiving servers bounce.
    headers: { 'X-Campaign-Data': { prepared: true, value: 'a1b2c3d4e5'.repeat(500) } },
  };

  test('without repair nodemailer’s long header line is refused', async () => {
    const sender = createSesSender({ client: env.clients.v2, retry: fastRetry });
    const transporter = nodemailer.createTransport(new SesRawTransport({ sender }));
    await expect(transporter.sendMail(mail)).rejects.toBeInstanceOf(ValidationFailedError);
    expect(env.proxy.requests).toHaveLength(0);
  });

  test('with repair it is folded as encoded words, sent, and info.fixes says so', async () => {
    const sender = createSesSender({ client: env.clients.v2, retry: fastRetry });
    const transporter = nodemailer.createTransport(new SesRawTransport({ sender, repair: true }));
    const info = (await transporter.sendMail(mail)) as unknown as SesRawTransportInfo;
    expect(info.report.ok).toBe(true);
    expect(info.fixes?.map((f) => [f.code, f.header])).toEqual([['line.too-long', 'X-Campaign-Data']]);
    const sent = rawBytesOf(env.proxy.requests[0] as never).toString('latin1');
    expect(sent.split('\r\n').every((l) => l.length <= 998)).toBe(true);
  });
});
