// @rawmail/compose benchmark (imports the BUILT package), side by side with nodemailer's MailComposer and mimetext.
//  (a) a typical transactional message: messages/second.
//  (b) one 8 MB binary attachment: time vs Buffer base64 of the attachment alone; composeStream to a sink with
//      the attachment given as a stream, and its peak memory growth.
// Run with `pnpm bench compose` (the runner passes --expose-gc).
import { randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { compose, composeStream } from '@rawmail/compose';
import { createMimeMessage } from 'mimetext';
import MailComposer from 'nodemailer/lib/mail-composer';
import { typicalInput } from './typical-message.mjs';

const gc = globalThis.gc ?? (() => {});
const MB = 1024 * 1024;

// ---------- the typical message ----------
const typical = typicalInput;

function mailComposer(input) {
  return new Promise((resolve, reject) =>
    new MailComposer(input).compile().build((err, buf) => (err ? reject(err) : resolve(buf))),
  );
}

function mimetext(input) {
  const msg = createMimeMessage();
  msg.setSender({ name: input.from.name, addr: input.from.address });
  msg.setTo([
    { addr: 'kunde1@example.com' },
    { name: 'Kunde Zwei', addr: 'kunde2@example.com' },
    { name: 'Jürgen Groß', addr: 'juergen@example.de' },
  ]);
  msg.setCc({ addr: 'buchhaltung@mueller-soehne.example' });
  msg.setSubject(input.subject);
  if (input.text) msg.addMessage({ contentType: 'text/plain', data: input.text });
  if (input.html) msg.addMessage({ contentType: 'text/html', data: input.html });
  for (const a of input.attachments ?? []) {
    msg.addAttachment({
      filename: a.filename,
      contentType: a.contentType,
      data: Buffer.from(a.content).toString('base64'),
    });
  }
  return msg.asRaw();
}

// The machine is shared, so the composers are measured in interleaved rounds and each keeps its best round.
async function round(fn, ms) {
  let n = 0;
  const start = performance.now();
  const end = start + ms;
  while (performance.now() < end) {
    for (let i = 0; i < 10; i++) await fn();
    n += 10;
  }
  return n / ((performance.now() - start) / 1000);
}
const contenders = [
  ['@rawmail/compose', () => compose(typical)],
  ['nodemailer MailComposer', () => mailComposer(typical)],
  ['mimetext (no body encoding, no folding)', () => mimetext(typical)],
];
for (const [, fn] of contenders) for (let i = 0; i < 100; i++) await fn(); // warm-up
const rounds = new Map(contenders.map(([name]) => [name, []]));
for (let r = 0; r < 5; r++) {
  for (const [name, fn] of contenders) {
    gc();
    rounds.get(name).push(await round(fn, 1000));
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = contenders.map(([name]) => ({ name, perSec: median(rounds.get(name)) }));
for (const [name, xs] of rounds) console.log(`  rounds (msgs/s) ${name}: ${xs.map(Math.round).join(' ')}`);
const ours = results[0].perSec;
const sizes = {
  '@rawmail/compose': (await compose(typical)).size,
  'nodemailer MailComposer': (await mailComposer(typical)).length,
  'mimetext (no body encoding, no folding)': mimetext(typical).length,
};
console.log(
  '(a) typical transactional message (non-ASCII From, 3 To, 1 Cc, ~90-char subject, 4 KB text, 4 KB html, 20 KB PDF)',
);
console.table(
  results.map((r) => ({
    composer: r.name,
    'msgs/s': Math.round(r.perSec),
    'µs/msg': (1e6 / r.perSec).toFixed(1),
    'bytes/msg': sizes[r.name],
    'rawmail is ×': (ours / r.perSec).toFixed(2),
  })),
);

// ---------- one 8 MB binary attachment ----------
const big = randomBytes(8 * MB);
const bigInput = {
  from: 'a@example.com',
  to: 'b@example.com',
  subject: 'Big',
  text: 'See attached.',
  attachments: [{ filename: 'big.bin', content: big, contentType: 'application/octet-stream' }],
};

async function bestMs(fn, runs = 7) {
  let bestMs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    gc();
    const t = performance.now();
    await fn();
    bestMs = Math.min(bestMs, performance.now() - t);
  }
  return bestMs;
}

const base64Ms = await bestMs(() => big.toString('base64'));
const composeMs = await bestMs(() => compose(bigInput));
const mcMs = await bestMs(() => mailComposer(bigInput), 3);
const mtMs = await bestMs(() => mimetext({ ...bigInput, from: { name: '', address: 'a@example.com' } }), 3);

// composeStream to a sink, attachment given as a stream produced on the fly (never whole in memory).
function source(total, chunk = 64 * 1024) {
  let sent = 0;
  const block = randomBytes(chunk);
  return new Readable({
    read() {
      if (sent >= total) return this.push(null);
      const n = Math.min(chunk, total - sent);
      sent += n;
      this.push(block.subarray(0, n));
    },
  });
}
function memNow() {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}
async function streamRun() {
  gc();
  await new Promise((r) => setTimeout(r, 50));
  gc();
  const baseline = memNow();
  let peak = baseline;
  let bytes = 0;
  const t = performance.now();
  const out = composeStream({ ...bigInput, attachments: [{ filename: 'big.bin', content: source(8 * MB) }] });
  await pipeline(
    out.stream,
    new Writable({
      write(chunk, _enc, cb) {
        bytes += chunk.length;
        const m = memNow();
        if (m > peak) peak = m;
        cb();
      },
    }),
  );
  return { ms: performance.now() - t, growthMB: (peak - baseline) / MB, bytes };
}
let stream = await streamRun();
for (let i = 0; i < 2; i++) {
  const s = await streamRun();
  if (s.ms < stream.ms) stream = { ...s, growthMB: Math.max(s.growthMB, stream.growthMB) };
  else stream.growthMB = Math.max(s.growthMB, stream.growthMB);
}

// compose() peak memory for the same 8 MB (in memory by design: it returns one buffer).
gc();
const before = memNow();
const keep = await compose(bigInput);
const composeGrowth = (memNow() - before) / MB;

console.log('\n(b) one 8 MB binary attachment (best of several runs)');
console.table([
  { task: 'Buffer base64 of the attachment alone', ms: base64Ms.toFixed(1), 'ratio to base64': '1.00' },
  {
    task: '@rawmail/compose (in memory)',
    ms: composeMs.toFixed(1),
    'ratio to base64': (composeMs / base64Ms).toFixed(2),
    'memory growth MB': composeGrowth.toFixed(1),
  },
  {
    task: '@rawmail/composeStream → sink (attachment streamed)',
    ms: stream.ms.toFixed(1),
    'ratio to base64': (stream.ms / base64Ms).toFixed(2),
    'memory growth MB': stream.growthMB.toFixed(1),
  },
  { task: 'nodemailer MailComposer', ms: mcMs.toFixed(1), 'ratio to base64': (mcMs / base64Ms).toFixed(2) },
  { task: 'mimetext', ms: mtMs.toFixed(1), 'ratio to base64': (mtMs / base64Ms).toFixed(2) },
]);
console.log(`message size ${keep.size} bytes; streamed ${stream.bytes} bytes`);
const ok = ours / results[1].perSec >= 10 && composeMs / base64Ms <= 3 && stream.growthMB < 32;
console.log(
  `targets: typical ≥ 10× MailComposer: ${(ours / results[1].perSec).toFixed(1)}×; 8 MB ≤ 3× base64: ${(composeMs / base64Ms).toFixed(2)}×; ` +
    `composeStream growth < 32 MB: ${stream.growthMB.toFixed(1)} MB → ${ok ? 'all met' : 'NOT all met'}`,
);
