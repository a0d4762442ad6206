import { generateKeyPairSync } from 'node:crypto';
import nodemailer from 'nodemailer';
import { describe, expect, test } from 'vitest';
import { signedHeaderNames } from '../src/families/signatures.js';
import { validate } from '../src/index.js';
import { crlf } from './helpers/fixtures.js';

const CODE = 'dkim.signs-rewritten-header';
const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

/** A message signed by nodemailer's own DKIM signer, as its transports send it. */
async function nodemailerSigned(dkim: Record<string, string>): Promise<Buffer> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const info = await transport.sendMail({
    from: 'Shop <shop@example.com>',
    to: 'ann@example.org',
    subject: 'Your order',
    text: 'Thanks for your order.',
    messageId: '<order-1@example.com>',
    date: new Date('2026-11-27T12:00:00Z'),
    dkim: { domainName: 'example.com', keySelector: 'mail', privateKey, ...dkim },
  });
  return info.message as Buffer;
}

const hTag = (raw: Buffer) =>
  /^DKIM-Signature:[\s\S]*?\bh=([^;]*);/im.exec(raw.toString('latin1'))?.[1]?.replace(/\s+/g, '') ?? '';

describe('a message signed by nodemailer (DKIM, default header list)', () => {
  test('signs Date and Message-ID, and the rule catches it on the DKIM-Signature line', async () => {
    const raw = await nodemailerSigned({});
    // Independent of our parser: nodemailer's h= really lists both headers.
    expect(hTag(raw).toLowerCase().split(':')).toEqual(expect.arrayContaining(['date', 'message-id']));
    const report = await validate(raw, { profile: 'ses-v2' });
    const hits = report.issues.filter((i) => i.code === CODE);
    expect(hits).toEqual([
      expect.objectContaining({
        severity: 'warning',
        line: 1,
        header: 'DKIM-Signature',
        message: expect.stringContaining("signs 'date', 'message-id'"),
        hint: expect.stringContaining('skipFields'),
      }),
    ]);
    expect(report.ok).toBe(true); // a warning: SES sends it, the signature just fails at receivers
  });
  test("near miss: skipFields 'date:message-id' (what nodemailer's own SES transport sets)", async () => {
    const raw = await nodemailerSigned({ skipFields: 'date:message-id' });
    expect(hTag(raw).toLowerCase().split(':')).not.toContain('date');
    const report = await validate(raw, { profile: 'ses-v2' });
    expect(report.issues.map((i) => i.code)).not.toContain(CODE);
  });
  test('the LF form of the signed message is caught too', async () => {
    const raw = await nodemailerSigned({});
    const lf = Buffer.from(raw.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
    expect((await validate(lf)).issues.map((i) => i.code)).toContain(CODE);
  });
  test('the rfc5322 profile has no SES rules: no warning', async () => {
    const raw = await nodemailerSigned({});
    expect((await validate(raw, { profile: 'rfc5322' })).issues.map((i) => i.code)).not.toContain(CODE);
  });
});

describe('what counts as signing a rewritten header', () => {
  const signed = (h: string, where: 'top' | 'part' = 'top') => {
    const sig = `DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=mail;\n h=${h};\n bh=YQ==; b=YQ==\n`;
    const head = 'From: a@example.com\nTo: b@example.org\nSubject: hi\nMIME-Version: 1.0\n';
    if (where === 'top') return crlf(`${sig}${head}\nhello\n`);
    return crlf(
      `${head}Content-Type: multipart/mixed; boundary="b"\n\n--b\n${sig}Content-Type: text/plain\n\nhello\n--b--\n`,
    );
  };
  test.each([
    ['From:To:DATE', ['date']],
    ['from:message-id:to', ['message-id']],
    ['from : X-Ses-Message-Tags : to', ['x-ses-message-tags']],
    ['date:date:from', ['date']],
  ])('h=%s', async (h, names) => {
    const issue = (await validate(signed(h))).issues.find((i) => i.code === CODE);
    for (const n of names) expect(issue?.message).toContain(`'${n}'`);
  });
  test.each([['From:To:Subject'], ['from:x-ses:dated:message-ids:x-mailer']])('near miss h=%s', async (h) => {
    expect((await validate(signed(h))).issues.map((i) => i.code)).not.toContain(CODE);
  });
  test('a DKIM-Signature inside a MIME part is not the one receivers check: no warning', async () => {
    expect((await validate(signed('from:date', 'part'))).issues.map((i) => i.code)).not.toContain(CODE);
  });
  test('signedHeaderNames reads the h= tag only, with folding whitespace anywhere', () => {
    expect(signedHeaderNames(' v=1; bh=h=date; h =\r\n from\t:\r\n\tDate ; z=Date:x')).toEqual([
      'from',
      'Date',
    ]);
    expect(signedHeaderNames('v=1; hh=date; xh=date')).toEqual([]);
  });
});
