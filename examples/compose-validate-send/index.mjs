// Compose a message with attachments, validate it under ses-v1 and ses-v2, send it to a local SES endpoint
// through the v2 API, and print the reports and the MessageId.
//   pnpm example compose-validate-send
import { compose } from '@rawmail/compose';
import { createSesSender } from '@rawmail/ses';
import { validate } from '@rawmail/validate';
import { localSes, printReport } from '../local-ses.mjs';

const ses = await localSes();
try {
  const message = await compose({
    from: { name: 'Søren Kierkegaard', address: 'soren@example.com' },
    to: ['Ana María <ana@example.org>', 'bob@example.net'],
    cc: 'Chloé <chloe@example.org>',
    bcc: 'audit@example.com',
    subject: 'Quarterly report — Q3 2026 ✓',
    text: 'Hello,\n\nThe Q3 report and the raw figures are attached.\n\n— Søren',
    html: '<p>Hello,</p><p>The <b>Q3 report</b> and the raw figures are attached.</p><p>— Søren</p>',
    attachments: [
      { filename: 'Q3 résumé.pdf', content: new Uint8Array(64 * 1024).map((_, i) => (i * 31) & 0xff) },
      { filename: 'figures.csv', content: 'month,revenue\nJuly,100\nAugust,120\nSeptember,130\n' },
    ],
  });
  console.log(
    `composed ${message.size} bytes; envelope ${message.envelope.from} → ${message.envelope.to.join(', ')}`,
  );

  for (const profile of ['ses-v1', 'ses-v2']) {
    printReport(profile, await validate(message.raw, { profile, destinations: message.envelope.to }));
  }

  const sender = createSesSender({ client: ses.v2() });
  const result = await sender.send(message);
  console.log(
    `sent: MessageId ${result.messageId} after ${result.attempts} attempt(s) to ${result.destinations.length} recipients`,
  );
  const [stored] = (await ses.received()).slice(-1);
  if (stored) console.log(`the endpoint received: "${stored.subject}" from ${stored.from}`);
} finally {
  await ses.stop();
}
