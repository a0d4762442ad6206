// The "typical transactional message" of the issues, shared by the benchmarks so they measure the same input:
// a non-ASCII From name, 3 To, 1 Cc, a ~90-character non-ASCII subject, 4 KB German text, 4 KB html, a 20 KB PDF.
import { randomBytes } from 'node:crypto';

const para =
  'Vielen Dank für Ihre Bestellung bei unserem Shop. Ihre Artikel werden sorgfältig verpackt und noch heute ' +
  'an den Versanddienstleister übergeben. Sie erhalten eine weitere Nachricht, sobald die Sendung unterwegs ist. ';

/** nodemailer-style message input (also what `@rawmail/compose` accepts). */
export const typicalInput = {
  from: { name: 'Müller & Söhne Versand GmbH', address: 'versand@mueller-soehne.example' },
  to: [
    'kunde1@example.com',
    'Kunde Zwei <kunde2@example.com>',
    { name: 'Jürgen Groß', address: 'juergen@example.de' },
  ],
  cc: 'buchhaltung@mueller-soehne.example',
  subject: 'Ihre Bestellung Nr. 2026-11-27-4711 wurde versandt – voraussichtliche Zustellung übermorgen',
  text: para.repeat(Math.ceil(4096 / para.length)).slice(0, 4096),
  html: `<html><body>${`<p>${para}</p>`.repeat(Math.ceil(4096 / (para.length + 7)))}</body></html>`.slice(
    0,
    4096,
  ),
  attachments: [
    { filename: 'Rechnung-4711.pdf', content: randomBytes(20 * 1024), contentType: 'application/pdf' },
  ],
};
