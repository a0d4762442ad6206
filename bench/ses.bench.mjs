// @rawmail/ses benchmark, against an embedded aws-ses-v2-local on 127.0.0.1 (imports the BUILT packages).
//  (1) send overhead: sender.send (validate + send) vs a bare SDK SendEmailCommand with the same raw bytes.
//  (2) sendMany to 10,000 recipients: batches/s unthrottled, and that maxSendRate holds.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { compose } from '@rawmail/compose';
import { createSesSender } from '@rawmail/ses';
import { validate } from '@rawmail/validate';

const SAMPLES = 800; // per path, interleaved one by one
const AUDIENCE = 10_000;
const RATE = 4_000; // recipients per second for the rate-limited run

// The endpoint runs in its own process, so its parsing and GC do not land inside our timings.
const child = spawn(
  process.execPath,
  [
    '--input-type=module',
    '-e',
    "const m = await import('aws-ses-v2-local'); const s = typeof m.default === 'function' ? m.default : m.default.default; const srv = await s({ host: '127.0.0.1', port: 0 }); console.log(srv.address().port);",
  ],
  { stdio: ['ignore', 'pipe', 'inherit'], cwd: fileURLToPath(new URL('..', import.meta.url)) },
);
const port = await new Promise((resolve, reject) => {
  child.stdout.once('data', (d) => resolve(Number(String(d).trim())));
  child.once('exit', (code) => reject(new Error(`aws-ses-v2-local exited with ${code}`)));
});
const url = `http://127.0.0.1:${port}`;
const clear = () => fetch(`${url}/clear-store`, { method: 'POST' });
const client = new SESv2Client({
  endpoint: url,
  region: 'eu-west-1',
  credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
  requestHandler: { requestTimeout: 15_000, connectionTimeout: 3_000, throwOnRequestTimeout: true },
});

// A typical transactional message (the composer benchmark's shape).
const para = 'Grüße aus Köln — thank you for your order; the details are below. ';
const message = await compose({
  from: { name: 'Zoë Åström', address: 'zoe@example.com' },
  to: ['Jürgen Groß <j@example.com>', 'Ana Núñez <ana@example.com>', 'bob@example.com'],
  cc: 'Accounts <accounts@example.com>',
  subject: 'Ihre Bestellung №2026-042 ist unterwegs — Lieferung voraussichtlich am Freitag, 27. November',
  text: para.repeat(60),
  html: `<p>${para.repeat(55)}</p>`,
  attachments: [
    { filename: 'lieferschein.pdf', content: Buffer.alloc(20 * 1024, 0x25), contentType: 'application/pdf' },
  ],
});
const raw = message.raw;
const destinations = message.envelope.to;

const sender = createSesSender({ client });
const bare = () =>
  client.send(
    new SendEmailCommand({ Content: { Raw: { Data: raw } }, Destination: { ToAddresses: destinations } }),
  );
const ours = () => sender.send(message);
// The sender's own work without any network: a client whose send resolves at once.
const offline = createSesSender({
  client: { config: { serviceId: 'SESv2' }, send: async () => ({ MessageId: 'x' }) },
});
// A third path splits sender.send in two: the same work with the no-network client, then the bare send. If
// sender.send costs what this costs, the way the sender issues its request (single-attempt override, abort
// signal and timer per attempt, its command input) adds nothing, and the whole extra is its own work — which,
// run once between real sends, costs far more than in a hot loop (the code and data are no longer in cache).
const splitOfflineMs = [];
const split = async () => {
  const t0 = performance.now();
  await offline.send(message);
  splitOfflineMs.push(performance.now() - t0);
  return bare();
};

async function timeIt(fn, n) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return (performance.now() - t0) / n;
}

// Warm up every path (JIT, keep-alive sockets).
await timeIt(bare, 50);
await timeIt(ours, 50);
await timeIt(split, 50);
splitOfflineMs.length = 0;
await clear();

// Interleaved one send at a time, rotating which path goes first, so drift (GC, endpoint store growth) hits all
// of them alike; the per-send median is robust against the endpoint's occasional slow answer.
const paths = [bare, ours, split];
const times = new Map(paths.map((fn) => [fn, []]));
for (let i = 0; i < SAMPLES; i++) {
  for (let j = 0; j < paths.length; j++) {
    const fn = paths[(i + j) % paths.length];
    const t0 = performance.now();
    await fn();
    times.get(fn).push(performance.now() - t0);
  }
  if (i % 150 === 149) await clear();
}
const [bareMs, oursMs, splitMs] = paths.map((fn) => times.get(fn));
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
const bareMed = median(bareMs);
const oursMed = median(oursMs);
const splitMed = median(splitMs);
const offlineColdMs = median(splitOfflineMs);
// validate() once right after a real send, as sender.send runs it.
const validateColdMs = [];
for (let i = 0; i < 300; i++) {
  await bare();
  const t0 = performance.now();
  await validate(raw, { profile: 'ses-v2', destinations });
  validateColdMs.push(performance.now() - t0);
}
await clear();
const validateCold = median(validateColdMs);
const validateMs = await timeIt(() => validate(raw, { profile: 'ses-v2', destinations }), 500);
await timeIt(() => offline.send(message), 300);
const offlineMs = await timeIt(() => offline.send(message), 1000);

console.log(
  `\nsend overhead — typical message (${raw.length} bytes, ${destinations.length} recipients), ${SAMPLES} sends per path, interleaved`,
);
const row = (path, med, avg) => ({
  path,
  'median ms/send': med.toFixed(3),
  'mean ms/send': avg.toFixed(3),
  'sends/s': (1000 / med).toFixed(0),
  ratio: (med / bareMed).toFixed(3),
});
console.table([
  row('bare SDK SendEmailCommand', bareMed, mean(bareMs)),
  row('sender.send (validate + send)', oursMed, mean(oursMs)),
  row('no-network sender.send, then bare send', splitMed, mean(splitMs)),
  row('  its no-network part (between real sends)', offlineColdMs, mean(splitOfflineMs)),
  row('validate() alone, between real sends', validateCold, mean(validateColdMs)),
  row('sender.send, no-network client, hot loop', offlineMs, offlineMs),
  row('validate() alone, hot loop', validateMs, validateMs),
]);
// Paired estimates: the median of (a − b) over the same iteration cancels drift shared by the sends.
const paired = (a, b) => median(a.map((x, i) => x - b[i]));
const pairedExtra = paired(oursMs, bareMs);
const splitExtra = paired(splitMs, bareMs);
const networkPathExtra = paired(oursMs, splitMs);
const overhead = (pairedExtra / bareMed) * 100;
console.log(
  `overhead: ${overhead.toFixed(1)}% per send against the local endpoint (paired median extra ${pairedExtra.toFixed(3)} ms ` +
    `on a ${bareMed.toFixed(3)} ms bare send; ratio of medians ${(oursMed / bareMed).toFixed(3)}) (target ≤ 10%) → ${overhead <= 10 ? 'MET' : 'NOT MET'}\n` +
    `where it goes: the sender's own work, run once between real sends, is ${offlineColdMs.toFixed(3)} ms ` +
    `(validate() ${validateCold.toFixed(3)} ms of it; ${offlineMs.toFixed(3)} and ${validateMs.toFixed(3)} ms in a hot loop); ` +
    `that work followed by the bare send costs ${splitExtra.toFixed(3)} ms more than the bare send, and sender.send ` +
    `${networkPathExtra >= 0 ? '+' : ''}${networkPathExtra.toFixed(3)} ms against that (what the sender's way of issuing the request adds)`,
);

// sendMany: record when each batch request starts (a client middleware), to check the rate over sliding windows.
const stamps = [];
client.middlewareStack.add(
  (next) => async (args) => {
    const input = args.input;
    const n =
      (input?.Destination?.ToAddresses?.length ?? 0) +
      (input?.Destination?.CcAddresses?.length ?? 0) +
      (input?.Destination?.BccAddresses?.length ?? 0);
    stamps.push({ t: performance.now(), n });
    return next(args);
  },
  { step: 'initialize', name: 'benchStamp' },
);
const audience = Array.from({ length: AUDIENCE }, (_, i) => `reader${i}@list.example.com`);
const bulkMessage = await compose({
  from: 'News <news@example.com>',
  to: 'news@example.com',
  subject: 'Newsletter',
  text: para.repeat(40),
});

async function bulk(options, senderOptions) {
  await clear();
  stamps.length = 0;
  const s = createSesSender({ client, ...senderOptions });
  const t0 = performance.now();
  const r = await s.sendMany(bulkMessage, audience, options);
  const secs = (performance.now() - t0) / 1000;
  // Highest number of recipients released in any 1-second window: overall, and after the first second (the bucket
  // starts full, so the first window may also hold the initial one-second burst).
  const maxIn = (list) => {
    let max = 0;
    for (let i = 0, j = 0, sum = 0; i < list.length; i++) {
      sum += list[i].n;
      while (list[i].t - list[j].t >= 1000) sum -= list[j++].n;
      max = Math.max(max, sum);
    }
    return max;
  };
  const first = stamps[0]?.t ?? 0;
  const later = stamps.filter((s) => s.t >= first + 1000);
  const laterSecs = later.length > 1 ? (later.at(-1).t - later[0].t) / 1000 : 0;
  const laterRecipients = later.slice(0, -1).reduce((n, s) => n + s.n, 0);
  return {
    r,
    secs,
    maxWindow: maxIn(stamps),
    maxWindowAfterBurst: maxIn(later),
    steady: laterSecs > 0 ? laterRecipients / laterSecs : Number.NaN,
  };
}

const free = await bulk({ concurrency: 8 }, {});
const limited = await bulk({ concurrency: 8 }, { maxSendRate: RATE });
console.log(`\nsendMany to ${AUDIENCE} recipients (batches of ≤ 49: the To header counts)`);
console.table([
  {
    run: 'unthrottled, concurrency 8',
    batches: free.r.batches.length,
    sent: free.r.sent,
    failed: free.r.failed,
    seconds: free.secs.toFixed(2),
    'batches/s': (free.r.batches.length / free.secs).toFixed(0),
    'recipients/s': (free.r.sent / free.secs).toFixed(0),
    'max recipients in any 1 s': free.maxWindow,
    'max in 1 s after burst': free.maxWindowAfterBurst,
  },
  {
    run: `maxSendRate ${RATE}/s, concurrency 8`,
    batches: limited.r.batches.length,
    sent: limited.r.sent,
    failed: limited.r.failed,
    seconds: limited.secs.toFixed(2),
    'batches/s': (limited.r.batches.length / limited.secs).toFixed(0),
    'recipients/s': (limited.r.sent / limited.secs).toFixed(0),
    'max recipients in any 1 s': limited.maxWindow,
    'max in 1 s after burst': limited.maxWindowAfterBurst,
  },
]);
// The bucket starts full (one second's worth): the first window may hold the burst plus a second's refill; after
// it, a 1-second window may hold the rate plus one batch reserved at its edge.
const expectedMin = (AUDIENCE - RATE) / RATE;
const slack = 49;
const holds =
  limited.maxWindow <= 2 * RATE + slack &&
  limited.maxWindowAfterBurst <= RATE + slack &&
  limited.secs >= expectedMin * 0.95;
console.log(
  `maxSendRate ${RATE}/s: ${limited.secs.toFixed(2)} s (≥ ${expectedMin.toFixed(2)} s expected), steady ${limited.steady.toFixed(0)} recipients/s after the burst, max ${limited.maxWindowAfterBurst} in any 1 s window after it (≤ ${RATE + slack}) → ${holds ? 'HOLDS' : 'VIOLATED'}`,
);

client.destroy();
child.kill();
if (!holds || free.r.failed > 0 || limited.r.failed > 0) process.exitCode = 1;
