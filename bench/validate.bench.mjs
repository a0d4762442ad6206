// @rawmail/validate benchmark (imports the BUILT package), side by side with what a user would otherwise run to
// inspect a message: mailparser's simpleParser and postal-mime, and with plain byte scans (a JS loop and native
// Buffer.indexOf) as the floor.
//  (a) a typical transactional message (MailComposer output, ~40 KB): messages/second.
//  (b) an 8 MB message (one 6 MB attachment, base64): milliseconds per message.
//  (c) a 40 MB message fed as a stream of 64 KB chunks, never held whole: peak memory growth.
// Run with `pnpm bench validate` (the runner passes --expose-gc).
import { randomBytes } from 'node:crypto';
import { validate } from '@rawmail/validate';
import { simpleParser } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import PostalMime from 'postal-mime';
import { typicalInput } from './typical-message.mjs';

const gc = globalThis.gc ?? (() => {});
const MB = 1024 * 1024;

function build(input) {
  return new Promise((resolve, reject) =>
    new MailComposer(input).compile().build((err, buf) => (err ? reject(err) : resolve(buf))),
  );
}

// Fixed ids so the bytes are the same every run.
const typicalWithIds = {
  ...typicalInput,
  messageId: '<bench@mueller-soehne.example>',
  date: new Date('2026-11-27T12:00:00Z'),
};
const typical = await build(typicalWithIds);
const big = await build({
  ...typicalWithIds,
  attachments: [{ filename: 'archive.zip', content: randomBytes(6 * MB) }],
});

function jsScan(buf) {
  let lines = 0;
  let high = 0;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (c === 10) lines++;
    else if (c > 127) high++;
  }
  return lines + high;
}
function nativeScan(buf) {
  let lines = 0;
  for (let p = buf.indexOf(10); p !== -1; p = buf.indexOf(10, p + 1)) lines++;
  return lines;
}

const contenders = {
  '@rawmail/validate': async (m) => {
    const r = await validate(m);
    if (!r.ok) throw new Error(`validate found errors: ${JSON.stringify(r.issues)}`);
  },
  'mailparser simpleParser': (m) => simpleParser(m),
  'postal-mime': (m) => PostalMime.parse(m),
  'byte scan (JS loop)': (m) => jsScan(m),
  'byte scan (Buffer.indexOf)': (m) => nativeScan(m),
};

/**
 * Interleaved measurement: every round runs each contender once (a batch of `iterations` calls), so a load spike
 * on a shared machine hits all of them alike. Per call: median over rounds of CPU time (user + system) and of
 * wall time. Each contender is warmed up first; garbage collection during a batch counts as its cost.
 */
async function measure(entries, msg, { rounds, targetMs }) {
  const plan = [];
  for (const [name, fn] of entries) {
    // Warm-up (JIT) for at least 1 s or 300 calls, then calibrate the batch size on warm code.
    const w0 = performance.now();
    for (let n = 0; n < 300 || performance.now() - w0 < 1000; n++) {
      await fn(msg);
      if (performance.now() - w0 > 5000) break;
    }
    const t0 = performance.now();
    let n = 0;
    while (performance.now() - t0 < targetMs / 2 || n < 3) {
      await fn(msg);
      n++;
    }
    const per = (performance.now() - t0) / n;
    plan.push({ name, fn, iterations: Math.max(3, Math.round(targetMs / per)), cpu: [], wall: [] });
  }
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < plan.length; k++) {
      const p = plan[(k + r) % plan.length];
      const c0 = process.cpuUsage();
      const w0 = performance.now();
      for (let i = 0; i < p.iterations; i++) await p.fn(msg);
      const wall = performance.now() - w0;
      const c = process.cpuUsage(c0);
      p.cpu.push((c.user + c.system) / 1000 / p.iterations);
      p.wall.push(wall / p.iterations);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return new Map(plan.map((p) => [p.name, { cpuMs: median(p.cpu), wallMs: median(p.wall) }]));
}

const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

console.log(`typical message: ${fmt(typical.length)} bytes; big message: ${fmt(big.length / MB, 1)} MB`);
const entries = Object.entries(contenders);
const small = await measure(entries, typical, { rounds: 9, targetMs: 150 });
const large = await measure(entries, big, { rounds: 5, targetMs: 300 });
const ours = { small: small.get('@rawmail/validate'), large: large.get('@rawmail/validate') };
console.log('\nMedian of interleaved rounds; CPU time of this process per message (wall time in brackets).');
console.log('\n| contender | typical msgs/s | validate is ×faster | 8 MB message ms | validate is ×faster |');
console.log('|---|---:|---:|---:|---:|');
for (const [name] of entries) {
  const a = small.get(name);
  const b = large.get(name);
  console.log(
    `| ${name} | ${fmt(1000 / a.cpuMs)} (${fmt(1000 / a.wallMs)}) | ${fmt(a.cpuMs / ours.small.cpuMs, 2)}× | ` +
      `${fmt(b.cpuMs, 1)} (${fmt(b.wallMs, 1)}) | ${fmt(b.cpuMs / ours.large.cpuMs, 2)}× |`,
  );
}
const mp = { small: small.get('mailparser simpleParser'), large: large.get('mailparser simpleParser') };

// (c) 40 MB as a stream: the message is generated chunk by chunk and never exists whole.
async function* fortyMegabytes() {
  const head = Buffer.from(
    'From: a@example.com\r\nTo: b@example.org\r\nSubject: big\r\nMIME-Version: 1.0\r\n' +
      'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: application/octet-stream\r\n' +
      'Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename="big.bin"\r\n\r\n',
  );
  yield head;
  const line = Buffer.from(`${randomBytes(57).toString('base64')}\r\n`);
  const chunk = Buffer.alloc(line.length * 840);
  for (let i = 0; i < 840; i++) line.copy(chunk, i * line.length);
  let sent = head.length;
  while (sent + chunk.length < 40 * MB - 4096) {
    yield chunk;
    sent += chunk.length;
  }
  yield Buffer.from('--b--\r\n');
}
const settle = async () => {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setImmediate(r));
  }
};
await settle();
const mem = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external + m.arrayBuffers;
};
const base = mem();
let peak = 0;
let chunks = 0;
async function* sampled() {
  for await (const c of fortyMegabytes()) {
    if (++chunks % 16 === 0) peak = Math.max(peak, mem() - base);
    yield c;
  }
}
const t0 = performance.now();
const report = await validate(sampled(), { profile: 'ses-v2' });
const t40 = performance.now() - t0;
peak = Math.max(peak, mem() - base);
console.log(
  `\n40 MB stream (ses-v2): ${fmt(report.size / MB, 1)} MB in ${fmt(t40, 0)} ms, ok=${report.ok}, ` +
    `peak memory growth ${fmt(peak / MB, 1)} MB (target < 32 MB)`,
);
console.log(
  `\ntargets: typical ≥ 20× mailparser → ${fmt(mp.small.cpuMs / ours.small.cpuMs, 1)}×; ` +
    `8 MB ≤ 40 ms → ${fmt(ours.large.cpuMs, 1)} ms CPU (${fmt(ours.large.wallMs, 1)} ms wall); ` +
    `40 MB stream < 32 MB → ${fmt(peak / MB, 1)} MB`,
);
