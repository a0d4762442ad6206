// Packed-install smoke test, ESM flavour: runs inside a scratch project that installed the tarballs.
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { runCampaign } from '@rawmail/campaign';
import { createCampaignWorker } from '@rawmail/campaign/bullmq';
import { compose } from '@rawmail/compose';
import { encodeWords } from '@rawmail/mime';
import { parseMailbox } from '@rawmail/mime/address';
import { createSesSender } from '@rawmail/ses';
import { SesRawTransport } from '@rawmail/ses/nodemailer';
import { validate } from '@rawmail/validate';
import { parseAddressList } from '@rawmail/validate/address';
import { runCli } from '@rawmail/validate/cli';
import sesLocal from 'aws-ses-v2-local';

// aws-ses-v2-local is CommonJS with an `exports.default`.
const startSes = sesLocal.default ?? sesLocal;
for (const [name, value] of Object.entries({
  encodeWords,
  parseMailbox,
  parseAddressList,
  runCli,
  SesRawTransport,
  createCampaignWorker,
})) {
  if (typeof value !== 'function') throw new Error(`import did not provide ${name}`);
}
const server = await startSes({ host: '127.0.0.1', port: 0 });
try {
  const { port } = server.address();
  const msg = await compose({
    from: 'Zoë Smoke <smoke@example.com>',
    to: ['a@example.org'],
    subject: 'Smoke test — ESM',
    text: 'hello',
    attachments: [{ filename: 'notes.txt', content: 'attached' }],
  });
  const report = await validate(msg.raw, { profile: 'ses-v2' });
  if (!report.ok) throw new Error(`validation failed: ${JSON.stringify(report.issues)}`);
  const client = new SESv2Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDSMOKE', secretAccessKey: 'smoke' },
  });
  const sender = createSesSender({ client });
  const result = await sender.send(msg);
  if (!result.messageId) throw new Error('no MessageId');
  console.log(`esm: composed ${msg.size} bytes, ${report.issues.length} issues, sent as ${result.messageId}`);
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const campaign = await runCampaign({
    id: 'smoke',
    journal: mkdtempSync(join(tmpdir(), 'rawmail-smoke-journal-')),
    recipients: ['a@example.org', 'b@example.org'],
    render: (to) => ({ from: 'smoke@example.com', to, subject: 'Smoke campaign', text: 'hi' }),
    sender,
  });
  if (campaign.sent !== 2) throw new Error(`campaign: ${JSON.stringify(campaign)}`);
  console.log(`esm: campaign sent ${campaign.sent} personalised messages`);
} finally {
  server.close();
}
