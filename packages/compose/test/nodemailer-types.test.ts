/**
 * Type level: a nodemailer `SendMailOptions` object that uses only fields rawmail supports is a `ComposeInput`
 * as it stands (checked by `tsc -b`, which compiles the tests), and composes at run time.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { SendMailOptions } from 'nodemailer';
import { expect, test } from 'vitest';
import type Mail from '../../../node_modules/@types/nodemailer/lib/mailer/index.js';
import { type ComposeInput, compose } from '../src/index.js';
import { pythonParse } from './helpers/oracles.js';

const pem = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

// Every field below is typed by nodemailer's own declarations (`satisfies`) and then used as ComposeInput.
const mail = {
  from: { name: 'Zoë', address: 'zoe@example.com' },
  sender: 'sender@example.com',
  to: ['Ann <ann@example.org>', { name: 'Team', address: 'team@example.org' }],
  cc: 'Friends: f1@example.net, f2@example.net;',
  bcc: [{ name: 'B', address: 'hidden@example.net' }],
  replyTo: 'reply@example.com',
  inReplyTo: '<parent@example.com>',
  references: ['<root@example.com>', '<parent@example.com>'],
  subject: 'Grüße',
  text: 'Hallo',
  html: '<p>Hallo</p>',
  amp: '<!doctype html><html ⚡4email><body>Hallo</body></html>',
  icalEvent: { method: 'REQUEST', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' },
  headers: { 'X-Campaign': 'spring' },
  list: { unsubscribe: 'https://example.com/u', help: 'help@example.com' },
  attachments: [
    {
      filename: 'notes.txt',
      content: 'Grüße',
      contentType: 'text/plain; charset=utf-8',
      // nodemailer 10 types contentDisposition, encoding and priority as `string`: literals need `as const`.
      contentDisposition: 'attachment' as const,
      headers: { 'X-Attachment-Id': 'a1' },
    },
    {
      filename: 'logo.png',
      content: 'iVBORw0KGgo=', // base64 text, decoded as `encoding` says
      cid: 'logo@example.com',
      encoding: 'base64' as const,
    },
  ],
  alternatives: [{ contentType: 'text/x-web-markdown', content: '**Hallo**' }],
  envelope: {
    from: 'bounces@example.com',
    to: 'ann@example.org',
    cc: 'f1@example.net',
    bcc: 'hidden@example.net',
  },
  messageId: '<m1@example.com>',
  date: new Date('2026-12-01T10:00:00Z'),
  textEncoding: 'quoted-printable',
  priority: 'high' as const,
  xMailer: 'Acme',
  dkim: { domainName: 'example.com', keySelector: 'sel', privateKey: pem },
} satisfies SendMailOptions;

const input: ComposeInput = mail;
// The same object also satisfies @types/nodemailer's Mail.Options (the declarations for nodemailer < 10).
const _typesPackage: Mail.Options = mail;

// The fields both sides type the same way are interchangeable as types, not only as this one object.
type SharedScalars = 'subject' | 'messageId' | 'references' | 'xMailer' | 'date' | 'inReplyTo';
const _scalarsAssign = (o: Pick<SendMailOptions, SharedScalars>): ComposeInput => o;
// (@types/nodemailer also allows an Address object as inReplyTo, which is not a message id.)
const _typesScalars = (
  o: Pick<Mail.Options, Exclude<SharedScalars, 'inReplyTo'> | 'priority' | 'textEncoding'>,
): ComposeInput => o;

test('a SendMailOptions object with supported fields composes', async () => {
  const m = await compose(input);
  expect(m.envelope).toEqual({
    from: 'bounces@example.com',
    to: ['ann@example.org', 'f1@example.net', 'hidden@example.net'],
  });
  const [py] = pythonParse([m.raw]);
  expect(py!.defects).toEqual([]);
  expect(py!.subject).toBe('Grüße');
  expect(_scalarsAssign({ subject: 's' })).toEqual({ subject: 's' });
  expect(_typesScalars({ priority: 'low' })).toEqual({ priority: 'low' });
  expect(_typesPackage).toBe(mail);
});
