// sendMany: one validated message to a few hundred recipients in batches of at most 50, at most
// `maxSendRate` recipients per second, with a result for every batch.
//   pnpm example bulk
import { compose } from '@rawmail/compose';
import { createSesSender } from '@rawmail/ses';
import { localSes } from '../local-ses.mjs';

const ses = await localSes();
try {
  const message = await compose({
    from: 'News <news@example.com>',
    to: 'Subscribers <news@example.com>',
    subject: 'Our November newsletter',
    text: 'All the news that fits.',
    list: { unsubscribe: { url: 'https://example.com/unsubscribe', comment: 'Unsubscribe' } },
  });
  const audience = Array.from({ length: 320 }, (_, i) => `reader${i}@example.org`);
  const sender = createSesSender({ client: ses.v2(), maxSendRate: 200 });

  const started = Date.now();
  const result = await sender.sendMany(message, audience, { concurrency: 4 });
  const seconds = (Date.now() - started) / 1000;

  result.batches.forEach((b, i) => {
    const outcome =
      b.status === 'sent' ? `sent ${b.messageId}` : `FAILED ${b.error?.code}: ${b.error?.message}`;
    console.log(`batch ${String(i + 1).padStart(2)}: ${b.recipients.length} recipients, ${outcome}`);
  });
  // The limiter is a token bucket holding one second's worth of recipients (SES tolerates short bursts above
  // the rate, not sustained ones), so N recipients take at least (N - rate) / rate seconds.
  const floor = (audience.length - 200) / 200;
  console.log(
    `${result.sent} recipients sent, ${result.failed} failed, ${result.batches.length} batches in ${seconds.toFixed(2)} s ` +
      `(the 200/s limit with a one-second burst allows no less than ${floor.toFixed(2)} s)`,
  );
  if (seconds < floor) throw new Error('maxSendRate was not respected');
  if (result.failed > 0) process.exitCode = 1;
} finally {
  await ses.stop();
}
