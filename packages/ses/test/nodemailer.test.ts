import nodemailer from 'nodemailer';
import { describe, expect, test } from 'vitest';
import { createSesSender, SesOptionsError, ValidationFailedError } from '../src/index.js';
import { SesRawTransport, type SesRawTransportInfo } from '../src/nodemailer/index.js';
import { fastRetry, useSesEnv } from './harness/env.js';
import { envelopeOf, rawBytesOf, v2Body } from './harness/proxy.js';

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

  test('transporter.verify() checks the client', async () => {
    const transporter = nodemailer.createTransport(
      new SesRawTransport({ sender: createSesSender({ client: env.clients.v2 }) }),
    );
    await expect(transporter.verify()).resolves.toBe(true);
    expect(env.proxy.requests).toHaveLength(0);
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
