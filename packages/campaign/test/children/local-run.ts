// A child process running one local campaign; the wire test SIGKILLs it mid-run.
import { runCampaign } from '@rawmail/campaign';
import { renderNewsletter } from '../harness/render.js';
import { config, linesOf, makeSender } from './config.js';

const report = await runCampaign({
  id: config.id!,
  journal: config.journal!,
  recipients: linesOf(config.recipientsFile!),
  data: { issue: 'Issue 8' },
  render: renderNewsletter,
  sender: makeSender(),
  concurrency: config.concurrency ?? 8,
  onProgress: (p) => process.stdout.write(`${JSON.stringify(p)}\n`),
  progressIntervalMs: 100,
});
process.stdout.write(`REPORT ${JSON.stringify({ ...report, outcomes: report.outcomes.length })}\n`);
