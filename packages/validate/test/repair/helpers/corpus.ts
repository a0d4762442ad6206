/**
 * The broken-message corpus: real output of other libraries for awkward inputs (nodemailer's long header lines
 * and bare-LF output, mimetext's raw UTF-8 headers and unwrapped bodies), each a message SES would refuse or a
 * receiving server would bounce, and every one repairable.
 */
import { createMimeMessage } from 'mimetext';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';

export interface CorpusMessage {
  name: string;
  raw: Buffer;
}

/** nodemailer's stream transport: its real output, with CRLF (`windows`) or bare-LF (`unix`) line endings. */
async function nodemailerRaw(options: Mail.Options, newline: 'unix' | 'windows'): Promise<Buffer> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline });
  const info = await transport.sendMail(options);
  return info.message as Buffer;
}

const LONG_WORD = 'a1b2c3d4e5'.repeat(500);

const nodemailerInputs: { name: string; options: Mail.Options }[] = [
  {
    name: 'prepared X- header of 5,000 octets without whitespace',
    options: {
      from: 'Jörg Müller <joerg@example.com>',
      to: 'ann@example.org',
      subject: 'Bestellung',
      text: 'Hallo Ann,\nIhre Bestellung ist unterwegs.\n',
      headers: { 'X-Campaign-Data': { prepared: true, value: LONG_WORD } },
    },
  },
  {
    name: 'prepared X- header of 5,000 octets with spaces',
    options: {
      from: 'shop@example.com',
      to: ['Ann <ann@example.org>', 'ben@example.org'],
      subject: 'Your order',
      html: '<p>Hello <b>Ann</b></p>',
      headers: { 'X-Note': { prepared: true, value: 'word '.repeat(1000).trim() } },
    },
  },
  {
    name: 'prepared Subject of 3,000 octets',
    options: {
      from: 'shop@example.com',
      to: 'ann@example.org',
      headers: { Subject: { prepared: true, value: 'Sale! '.repeat(500).trim() } },
      text: 'Sale.',
      attachments: [{ filename: 'Rechnung-März.pdf', content: Buffer.alloc(3000, 0x25) }],
    },
  },
  {
    name: 'typical message with an attachment',
    options: {
      from: 'Jörg Müller <joerg@example.com>',
      to: ['Ann <ann@example.org>', '"Carl, Jr." <carl@example.org>'],
      cc: 'Dörte <doerte@example.net>',
      subject: 'Ihre Bestellung — Versandbestätigung',
      text: 'Grüße aus München!\n'.repeat(20),
      html: `<p>${'Grüße aus <b>München</b>! '.repeat(30)}</p>`,
      attachments: [
        {
          filename: 'Rechnung-März.pdf',
          content: Buffer.from(Array.from({ length: 4000 }, (_, i) => i % 256)),
        },
      ],
    },
  },
];

function mimetextMessages(): CorpusMessage[] {
  const out: CorpusMessage[] = [];
  {
    const msg = createMimeMessage();
    msg.setSender({ name: 'Jörg Müller', addr: 'joerg@example.com' });
    msg.setTo({ name: 'Ann Ämter', addr: 'ann@example.org' });
    msg.setSubject('Grüße aus München — eine lange Betreffzeile, die nicht gefaltet wird. '.repeat(2));
    msg.addMessage({ contentType: 'text/plain', data: 'Hallo Welt, Grüße!\nZweite Zeile.' });
    msg.addAttachment({
      filename: 'Rechnung-März.pdf',
      contentType: 'application/pdf',
      data: Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7) % 256)).toString('base64'),
    });
    out.push({
      name: 'mimetext: UTF-8 names, long subject, raw file name, unwrapped base64',
      raw: Buffer.from(msg.asRaw(), 'utf8'),
    });
  }
  {
    const msg = createMimeMessage();
    msg.setSender('plain@example.com');
    msg.setRecipients(['a@example.org', 'b@example.org']);
    msg.setSubject('Ünïcödé');
    msg.addMessage({ contentType: 'text/plain', data: 'Plain ASCII text.' });
    msg.addMessage({ contentType: 'text/html', data: `<p>${'Größe '.repeat(400)}</p>` });
    out.push({
      name: 'mimetext: alternative with a long 8-bit HTML line',
      raw: Buffer.from(msg.asRaw(), 'utf8'),
    });
  }
  return out;
}

/** The whole generated corpus (nodemailer in both line-ending modes, mimetext). */
export async function brokenCorpus(): Promise<CorpusMessage[]> {
  const out: CorpusMessage[] = [];
  for (const { name, options } of nodemailerInputs) {
    out.push({ name: `nodemailer (CRLF): ${name}`, raw: await nodemailerRaw(options, 'windows') });
    out.push({ name: `nodemailer (bare LF): ${name}`, raw: await nodemailerRaw(options, 'unix') });
  }
  out.push(...mimetextMessages());
  return out;
}
