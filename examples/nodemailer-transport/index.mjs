// An existing nodemailer app switched to rawmail's transport: nodemailer still builds the message, rawmail
// validates the exact bytes and sends them through SES. The second message is refused before any request.
//   pnpm example nodemailer-transport
import { createSesSender } from '@rawmail/ses';
import { SesRawTransport } from '@rawmail/ses/nodemailer';
import nodemailer from 'nodemailer';
import { localSes, printReport } from '../local-ses.mjs';

const ses = await localSes();
try {
  // Before: nodemailer.createTransport({ SES: { sesClient, SendEmailCommand } })
  const transporter = nodemailer.createTransport(
    new SesRawTransport({ sender: createSesSender({ client: ses.v2() }) }),
  );

  const info = await transporter.sendMail({
    from: '"Zoë Ølstad" <zoe@example.com>',
    to: 'Jürgen <juergen@example.org>',
    bcc: 'archive@example.com',
    subject: 'Your tickets for Göteborg',
    text: 'Tickets attached.',
    html: '<p>Tickets attached.</p>',
    attachments: [{ filename: 'tickets.txt', content: 'Row 7, seats 12–13' }],
  });
  console.log(`sent: ${info.messageId} (envelope to ${info.envelope.to.join(', ')})`);
  printReport('report', info.report);

  try {
    await transporter.sendMail({
      from: 'zoe@example.com',
      to: 'juergen@example.org',
      subject: 'Installer',
      text: 'Run the attached installer.',
      attachments: [{ filename: 'setup.exe', content: 'MZ' }],
    });
    console.error('the invalid message was sent: this must not happen');
    process.exitCode = 1;
  } catch (err) {
    console.log(`refused before sending: ${err.name}${err.code ? ` (${err.code})` : ''}`);
    if (err.report) printReport('report', err.report);
  }
} finally {
  await ses.stop();
}
