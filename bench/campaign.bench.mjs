// @rawmail/campaign benchmark (imports the BUILT packages): 10,000 personalised messages against an embedded
// aws-ses-v2-local (in its own process), no rate limit, 8 sends in flight on every path:
//  (1) a plain loop: render + compose + sender.send, nothing durable;
//  (2) runCampaign: the same plus the fsync'd journal (start + outcome per recipient, group-committed);
//  (3) BullMQ: enqueueCampaign, then 2 workers × concurrency 4 in this process, until waitForCampaign returns,
//      on a redis-server started here with the settings docs/campaigns.md recommends (AOF, appendfsync always).
// Each path sends all 10,000, in 5 interleaved slices (see below). Prints messages/s per path and the time ratio
// against the plain loop.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { runCampaign } from '@rawmail/campaign';
import { createCampaignWorker, enqueueCampaign, waitForCampaign } from '@rawmail/campaign/bullmq';
import { compose } from '@rawmail/compose';
import { createSesSender } from '@rawmail/ses';

const N = Number(process.env.CAMPAIGN_BENCH_N ?? 10_000);
const IN_FLIGHT = 8;
const root = fileURLToPath(new URL('..', import.meta.url));

function startChild(args, ready) {
  const child = spawn(args[0], args.slice(1), { stdio: ['ignore', 'pipe', 'inherit'], cwd: root });
  const value = new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const v = ready(out);
      if (v !== undefined) resolve(v);
    });
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code}:\n${out}`)));
  });
  return { child, value };
}

const ses = startChild(
  [
    process.execPath,
    '--input-type=module',
    '-e',
    "const m = await import('aws-ses-v2-local'); const s = typeof m.default === 'function' ? m.default : m.default.default; const srv = await s({ host: '127.0.0.1', port: 0 }); console.log(srv.address().port);",
  ],
  (out) => (/^\d+\s/.test(out) ? Number(out.trim()) : undefined),
);
const url = `http://127.0.0.1:${await ses.value}`;
const clear = () => fetch(`${url}/clear-store`, { method: 'POST' });
const redisPort = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});
const redisDir = mkdtempSync(join(tmpdir(), 'rawmail-bench-redis-'));
const redis = startChild(
  [
    'redis-server',
    '--bind',
    '127.0.0.1',
    '--port',
    String(redisPort),
    '--dir',
    redisDir,
    '--save',
    '',
    '--appendonly',
    'yes',
    '--appendfsync',
    'always',
    '--maxmemory-policy',
    'noeviction',
  ],
  (out) => (out.includes('Ready to accept connections') ? true : undefined),
);
await redis.value;

const client = new SESv2Client({
  endpoint: url,
  region: 'eu-west-1',
  credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
  requestHandler: { requestTimeout: 15_000, connectionTimeout: 3_000, throwOnRequestTimeout: true },
});
const sender = createSesSender({ client, retry: { maxAttempts: 1 } });

const readers = Array.from({ length: N }, (_, i) => ({
  address: `reader${i}@example.org`,
  name: `Reader ${i}`,
  token: `u${i.toString(36)}`,
}));
const data = { issue: 'The December issue' };
const render = (r, d) => ({
  from: 'Rawmail News <news@example.com>',
  to: { name: r.name, address: r.address },
  subject: `${d.issue}: news for ${r.name}`,
  text: `Hello ${r.name},\n\nhere is ${d.issue}.\n\nUnsubscribe: https://example.com/u/${r.token}\n`,
  list: { unsubscribe: `https://example.com/u/${r.token}`, unsubscribePost: true },
});

async function plainLoop(batch) {
  let next = 0;
  let sent = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < batch.length) {
        const r = batch[next++];
        await sender.send(await compose(render(r, data)), { destinations: [r.address] });
        sent++;
      }
    }),
  );
  return sent;
}

async function embedded(batch, tag) {
  const journal = mkdtempSync(join(tmpdir(), 'rawmail-bench-journal-'));
  try {
    const report = await runCampaign({
      id: `bench-${tag}`,
      journal,
      recipients: batch,
      data,
      render,
      sender,
      concurrency: IN_FLIGHT,
    });
    for (const o of report.outcomes) if (o.status !== 'sent') console.log('  not sent:', o);
    return report.sent;
  } finally {
    rmSync(journal, { recursive: true, force: true });
  }
}

let queueRun = 0;
async function bullmq(batch, tag) {
  const connection = { host: '127.0.0.1', port: redisPort };
  const queueName = `bench${++queueRun}`;
  const workers = [1, 2].map(() =>
    createCampaignWorker({ connection, queueName, render, sender, concurrency: IN_FLIGHT / 2 }),
  );
  try {
    await enqueueCampaign({ connection, queueName, id: `bench-${tag}`, recipients: batch, data });
    const report = await waitForCampaign({ connection, queueName, id: `bench-${tag}`, pollMs: 100 });
    for (const o of report.outcomes) if (o.status !== 'sent') console.log('  not sent:', o);
    return report.sent;
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }
}

// Children go with us, also on Ctrl-C.
process.on('exit', () => {
  redis.child.kill('SIGTERM');
  ses.child.kill('SIGTERM');
});
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

const ROUNDS = 5;
const paths = [
  ['plain loop of sender.send', plainLoop],
  ['runCampaign (journal)', embedded],
  ['BullMQ, 2 workers', bullmq],
];
const seconds = new Map(paths.map(([name]) => [name, 0]));
try {
  // Warm-up (JIT, keep-alive sockets). Then every path sends all N messages, in ROUNDS slices of N / ROUNDS,
  // interleaved and rotating which path goes first, so drift (machine load, endpoint state) hits all alike.
  for (const r of readers.slice(0, 200))
    await sender.send(await compose(render(r, data)), { destinations: [r.address] });
  const slice = N / ROUNDS;
  for (let round = 0; round < ROUNDS; round++) {
    const batch = readers.slice(round * slice, (round + 1) * slice);
    for (let j = 0; j < paths.length; j++) {
      const [name, fn] = paths[(round + j) % paths.length];
      await clear();
      const t0 = performance.now();
      const sent = await fn(batch, `r${round}`);
      seconds.set(name, seconds.get(name) + (performance.now() - t0) / 1000);
      // Under heavy machine load a request can time out (an ambiguous outcome): report it, do not hide it.
      if (sent !== batch.length)
        console.log(`  (${name}, round ${round + 1}: ${sent} of ${batch.length} sent)`);
    }
  }
  for (const [name] of paths) {
    const s = seconds.get(name);
    console.log(`${name.padEnd(28)} ${N} messages in ${s.toFixed(1)} s: ${(N / s).toFixed(0)} messages/s`);
  }
  const base = seconds.get(paths[0][0]);
  console.log('\noverhead versus the plain loop (time ratio; 1.00 = none):');
  for (const [name] of paths.slice(1))
    console.log(`  ${name.padEnd(26)} ${(seconds.get(name) / base).toFixed(2)}×`);
} finally {
  client.destroy();
  rmSync(redisDir, { recursive: true, force: true });
}
