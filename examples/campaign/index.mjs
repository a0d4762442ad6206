// A personalised campaign: each reader gets their own greeting and their own one-click unsubscribe URL
// (List-Unsubscribe + List-Unsubscribe-Post, RFC 8058), with a progress bar. First the embedded backend, stopped
// halfway and resumed from its journal; then the same campaign on BullMQ with two workers, if redis-server is
// installed (CI installs it).
//   pnpm example campaign
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCampaign } from '@rawmail/campaign';
import { createCampaignWorker, enqueueCampaign, waitForCampaign } from '@rawmail/campaign/bullmq';
import { createSesSender } from '@rawmail/ses';
import { localSes } from '../local-ses.mjs';

const readers = Array.from({ length: 300 }, (_, i) => ({
  address: `reader${i}@example.org`,
  name: ['Zoë', 'Jürgen', 'Ana', 'Kenji'][i % 4],
  token: `unsub-${(i * 7919).toString(36)}`,
}));

/** One reader's message: a compose() input; the campaign composes, validates and sends it. */
function render(reader, data) {
  const unsubscribe = `https://example.com/unsubscribe/${reader.token}`;
  return {
    from: 'Rawmail News <news@example.com>',
    to: { name: reader.name, address: reader.address },
    subject: `${data.issue}: news for ${reader.name}`,
    text: `Hello ${reader.name},\n\nhere is ${data.issue}.\n\nUnsubscribe with one click: ${unsubscribe}\n`,
    list: { unsubscribe, unsubscribePost: true },
  };
}

/** A terminal progress bar (one line per update when stdout is not a terminal, as in CI). */
function progressBar(label) {
  let lastLine = 0;
  return (p) => {
    const total = p.total ?? readers.length;
    const width = 30;
    const filled = Math.round((p.done / total) * width);
    const eta = p.etaSeconds === undefined ? '?' : `${Math.ceil(p.etaSeconds)}s`;
    const line =
      `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${p.done}/${total} ` +
      `sent=${p.sent} failed=${p.failed} skipped=${p.skipped} ${p.ratePerSecond.toFixed(0)}/s ETA ${eta}`;
    if (process.stdout.isTTY) process.stdout.write(`\r${line}`);
    else if (Date.now() - lastLine > 1000 || p.done === total) {
      lastLine = Date.now();
      console.log(line);
    }
  };
}

const ses = await localSes();
const journal = mkdtempSync(join(tmpdir(), 'rawmail-campaign-example-'));
try {
  // Leave retries to the campaign so every request passes its rate limit.
  const sender = createSesSender({ client: ses.v2(), retry: { maxAttempts: 1 } });
  const options = {
    id: 'december-news',
    journal,
    recipients: readers,
    data: { issue: 'The December issue' },
    render,
    sender,
    maxSendRate: 100,
    onProgress: progressBar('local '),
  };

  // Stop the first run after 100 outcomes, as a deploy or a crash would.
  const stop = new AbortController();
  const first = await runCampaign({
    ...options,
    signal: stop.signal,
    onProgress: (p) => {
      options.onProgress(p);
      if (p.done >= 100) stop.abort();
    },
  });
  if (process.stdout.isTTY) process.stdout.write('\n');
  console.log(`first run: ${first.state}, ${first.sent} sent, ${first.pending} pending`);
  const second = await runCampaign(options);
  if (process.stdout.isTTY) process.stdout.write('\n');
  console.log(
    `resumed:   ${second.state}, ${second.sent} sent, ${second.failed} failed, ${second.skipped} skipped, ` +
      `${second.ambiguous} ambiguous`,
  );

  // Every reader got exactly one message, with their own unsubscribe URL.
  const received = await ses.received();
  const tokens = new Set(received.map((m) => /unsubscribe\/(unsub-[0-9a-z]+)/.exec(m.body.text ?? '')?.[1]));
  console.log(`endpoint received ${received.length} messages, ${tokens.size} distinct unsubscribe URLs`);
  if (second.state !== 'completed' || received.length !== readers.length || tokens.size !== readers.length) {
    throw new Error('the campaign did not deliver exactly one message per reader');
  }

  await bullmqCampaign(ses, render);
} finally {
  rmSync(journal, { recursive: true, force: true });
  await ses.stop();
}

/** The same campaign on BullMQ: enqueue once, two workers, wait with a progress bar. */
async function bullmqCampaign(ses, render) {
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    console.log('BullMQ part not run: redis-server is not installed (apt-get install redis-server)');
    return;
  }
  const redis = await startRedis();
  const connection = { host: '127.0.0.1', port: redis.port };
  const workers = [1, 2].map(() =>
    createCampaignWorker({
      connection,
      queueName: 'ses-local',
      render,
      sender: createSesSender({ client: ses.v2(), retry: { maxAttempts: 1 } }),
      maxSendRate: 100,
      concurrency: 4,
    }),
  );
  try {
    const before = (await ses.received()).length;
    const { total } = await enqueueCampaign({
      connection,
      queueName: 'ses-local',
      id: 'december-news',
      recipients: readers,
      data: { issue: 'The December issue (BullMQ)' },
    });
    const report = await waitForCampaign({
      connection,
      queueName: 'ses-local',
      id: 'december-news',
      onProgress: progressBar('bullmq'),
      pollMs: 200,
    });
    if (process.stdout.isTTY) process.stdout.write('\n');
    const received = (await ses.received()).length - before;
    console.log(
      `BullMQ: ${report.state}, ${report.sent}/${total} sent by 2 workers; endpoint received ${received}`,
    );
    if (report.state !== 'completed' || report.sent !== total || received !== total) {
      throw new Error('the BullMQ campaign did not deliver exactly one message per reader');
    }
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    await redis.stop();
  }
}

/** A throwaway redis-server on a free 127.0.0.1 port. */
async function startRedis() {
  const port = await new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
  const dir = mkdtempSync(join(tmpdir(), 'rawmail-redis-'));
  const child = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--save', ''],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      if (out.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', () => reject(new Error(`redis-server exited:\n${out}`)));
  });
  return {
    port,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
