import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';

/** Builds a message with nodemailer's MailComposer (an independent composer). */
export function buildWithNodemailer(options: Mail.Options): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    new MailComposer(options).compile().build((err, message) => (err ? reject(err) : resolve(message)));
  });
}

/** A realistic transactional message. */
export function typicalNodemailerOptions(): Mail.Options {
  return {
    from: 'Jörg Müller <joerg@example.com>',
    to: ['Ann <ann@example.org>', 'ben@example.org', '"Carl, Jr." <carl@example.org>'],
    cc: 'Dörte <doerte@example.net>',
    subject: 'Ihre Bestellung Nr. 12345 — Versandbestätigung und Rechnung für Kunden in München',
    text: 'Grüße aus München! '.repeat(200),
    html: `<p>${'Grüße aus <b>München</b>! '.repeat(150)}</p>`,
    attachments: [{ filename: 'Rechnung-März.pdf', content: Buffer.alloc(20_000, 0x25) }],
    messageId: '<fixed@example.com>',
    date: new Date('2026-11-27T12:00:00Z'),
  };
}
