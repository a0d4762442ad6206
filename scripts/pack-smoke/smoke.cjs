// Packed-install smoke test, CommonJS flavour: require() of the ESM packages (Node >= 20.19 require(esm)).
const { SESClient } = require('@aws-sdk/client-ses');
const { compose } = require('@rawmail/compose');
const { createSesSender } = require('@rawmail/ses');
const { validate } = require('@rawmail/validate');
const startSes = require('aws-ses-v2-local').default;
// Every subpath export loads through require() as well.
const { encodeWords } = require('@rawmail/mime');
const { parseMailbox } = require('@rawmail/mime/address');
const { parseAddressList } = require('@rawmail/validate/address');
const { runCli } = require('@rawmail/validate/cli');
const { SesRawTransport } = require('@rawmail/ses/nodemailer');
const { runCampaign } = require('@rawmail/campaign');
const { createCampaignWorker } = require('@rawmail/campaign/bullmq');
for (const [name, value] of Object.entries({
  encodeWords,
  parseMailbox,
  parseAddressList,
  runCli,
  SesRawTransport,
  runCampaign,
  createCampaignWorker,
})) {
  if (typeof value !== 'function') throw new Error(`require() did not provide ${name}`);
}

async function main() {
  const server = await startSes({ host: '127.0.0.1', port: 0 });
  try {
    const { port } = server.address();
    const msg = await compose({
      from: 'smoke@example.com',
      to: 'b@example.org',
      subject: 'Smoke test — CJS',
      text: 'hello',
    });
    const report = await validate(msg.raw, { profile: 'ses-v1' });
    if (!report.ok) throw new Error(`validation failed: ${JSON.stringify(report.issues)}`);
    const client = new SESClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDSMOKE', secretAccessKey: 'smoke' },
    });
    const result = await createSesSender({ client }).send(msg);
    if (!result.messageId) throw new Error('no MessageId');
    console.log(
      `cjs: composed ${msg.size} bytes, ${report.issues.length} issues, sent as ${result.messageId}`,
    );
  } finally {
    server.close();
  }
}
main().catch((err) => {
  console.error(err);
  process.exit(1);
});
