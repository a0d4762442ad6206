// A child process running one campaign worker; the wire test SIGKILLs one of three mid-run.
import { createCampaignWorker } from '@rawmail/campaign/bullmq';
import { renderNewsletter } from '../harness/render.js';
import { config, makeSender } from './config.js';

const w = createCampaignWorker({
  connection: { host: '127.0.0.1', port: config.redisPort! },
  queueName: config.queueName!,
  render: renderNewsletter,
  sender: makeSender(),
  ...(config.maxSendRate === undefined ? {} : { maxSendRate: config.maxSendRate }),
  concurrency: config.concurrency ?? 4,
  lockDurationMs: 2000,
});
await w.worker.waitUntilReady();
process.stdout.write('READY\n');
process.on('SIGTERM', () => {
  void w.close().then(() => process.exit(0));
});
