// Send to Amazon SES's mailbox simulator for real — when AWS credentials, a region and a verified sender are
// there; otherwise say what is missing and skip (exit 0: CI has no AWS credentials). See docs/aws.md.
//   AWS_REGION=eu-west-1 AWS_PROFILE=… RAWMAIL_EXAMPLE_FROM=tests@example.com pnpm example aws-simulator
// Optional: RAWMAIL_EXAMPLE_CONFIGURATION_SET=transactional (its event destinations receive the bounce and
// complaint events).
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { compose } from '@rawmail/compose';
import { createSesSender, SesOptionsError, SesSendError } from '@rawmail/ses';

const from = process.env.RAWMAIL_EXAMPLE_FROM;
const configurationSetName = process.env.RAWMAIL_EXAMPLE_CONFIGURATION_SET || undefined;
const simulator = ['success', 'bounce', 'ooto', 'complaint', 'suppressionlist'].map(
  (outcome) => `${outcome}+rawmail-example@simulator.amazonses.com`,
);

function skip(why) {
  console.log(`skipping: ${why}`);
  console.log('(this example sends through real Amazon SES; see docs/aws.md for what it needs)');
}

if (!from) {
  skip('RAWMAIL_EXAMPLE_FROM is not set (a verified identity to send from, e.g. tests@example.com).');
} else {
  // Region and credentials come from the SDK's default chain (AWS_REGION, AWS_PROFILE, roles, …).
  const client = new SESv2Client({});
  const logger = {
    debug: () => {},
    info: (fields, message) => console.log(`  [info] ${message}`, fields),
    warn: (fields, message) => console.warn(`  [warn] ${message}`, fields),
    error: (fields, message) => console.error(`  [error] ${message}`, fields),
  };
  const sender = createSesSender({ client, maxSendRate: 'account', logger, configurationSetName });
  try {
    const account = await sender.account();
    console.log(
      `account in ${await sender.region()}: sending ${account.sendingEnabled ? 'enabled' : 'DISABLED'}, ` +
        `${account.sentLast24Hours}/${account.max24HourSend} in 24 h, ${account.maxSendRate}/s, ` +
        `${account.productionAccessEnabled ? 'production' : 'sandbox'}`,
    );
    for (const to of simulator) {
      const message = await compose({
        from,
        to,
        subject: `rawmail simulator test: ${to}`,
        text: 'Hello, simulator.',
      });
      const { messageId, attempts } = await sender.send(message);
      console.log(`sent to ${to}: MessageId ${messageId} (${attempts} attempt(s))`);
    }
  } catch (e) {
    if (e instanceof SesOptionsError && e.code === 'ses.client-credentials-missing')
      skip('no AWS credentials found.');
    else if (e instanceof SesOptionsError && e.code === 'ses.client-region-missing')
      skip('no AWS region (set AWS_REGION).');
    else if (e instanceof SesSendError) {
      console.error(`SES refused: ${e.code}: ${e.message}`);
      process.exitCode = 1;
    } else throw e;
  } finally {
    client.destroy();
  }
}
