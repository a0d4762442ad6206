// repair() benchmark (imports the BUILT package), side by side with validate() on the same bytes:
//  (a) a typical transactional message that needs nothing (MailComposer output, ~40 KB): the cost of asking.
//      Target: repair ≤ ~1.5× validate.
//  (b) an 8 MB message (6 MB of base64 attachment) whose 2 MB text part is 8-bit with bare LF line endings: the part
//      is re-encoded, everything else copied. Target: well under 100 ms.
//  (c) an 8 MB message that is one 8-bit text part with long lines.
// Memory and hostile-input bounds are in repair-bounds.bench.mjs.
// Run with `pnpm bench repair`.
import { randomBytes } from 'node:crypto';
import { repair, validate } from '@rawmail/validate';
import MailComposer from 'nodemailer/lib/mail-composer';
import { typicalInput } from './typical-message.mjs';

const gc = globalThis.gc ?? (() => {});
const MB = 1024 * 1024;

const typical = await new Promise((resolve, reject) =>
  new MailComposer({
    ...typicalInput,
    messageId: '<bench@mueller-soehne.example>',
    date: new Date('2026-11-27T12:00:00Z'),
  })
    .compile()
    .build((err, buf) => (err ? reject(err) : resolve(buf))),
);

const head =
  'From: Shop <shop@example.com>\r\nTo: Ann <ann@example.org>\r\nSubject: Report\r\nDate: Fri, 27 Nov 2026 12:00:00 +0000\r\nMessage-ID: <b@example.com>\r\nMIME-Version: 1.0\r\n';
const line = 'Grüße aus München, die Bestellung ist unterwegs und kommt übermorgen an.\n';
const badText = line.repeat(Math.ceil((2 * MB) / Buffer.byteLength(line)));
const attachment = randomBytes(4.5 * MB)
  .toString('base64')
  .replace(/.{76}/g, '$&\r\n');
const bigBadPart = Buffer.from(
  `${head}Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${badText}\r\n--b\r\nContent-Type: application/zip; name="a.zip"\r\nContent-Transfer-Encoding: base64\r\n\r\n${attachment}\r\n--b--\r\n`,
  'utf8',
);
const longLine = `${'Grüße aus München, '.repeat(80)}\r\n`;
const bigText = Buffer.from(
  `${head}Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${longLine.repeat(Math.ceil((8 * MB) / Buffer.byteLength(longLine)))}`,
  'utf8',
);

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Medians of `rounds` rounds, wall time and this process's CPU time (which a loaded machine inflates less); each
 * round times each contender once (interleaved, so load spikes hit both).
 */
async function measure(contenders, msg, rounds, batch) {
  const times = new Map(contenders.map(([name]) => [name, []]));
  const cpu = new Map(contenders.map(([name]) => [name, []]));
  // Warm-up (JIT) for at least 1 s of this process's CPU time per contender and 3 calls, as validate.bench.mjs
  // does: on a loaded machine a few calls (or a second of wall time) leave the code unoptimised, and repair, having
  // more code to optimise than validate, was then measured at up to 2× validate instead of ~1.2×.
  for (const [, fn] of contenders) {
    const c0 = cpuMs();
    const w0 = performance.now();
    for (let n = 0; n < 3 || (cpuMs() - c0 < 1000 && performance.now() - w0 < 30_000); n++) await fn(msg);
  }
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of contenders) {
      gc();
      const c0 = cpuMs();
      const t0 = performance.now();
      for (let i = 0; i < batch; i++) await fn(msg);
      times.get(name).push((performance.now() - t0) / batch);
      cpu.get(name).push((cpuMs() - c0) / batch);
    }
  }
  const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  const out = new Map([...times].map(([k, v]) => [k, median(v)]));
  for (const [k, v] of cpu) out.set(`${k} cpu`, median(v));
  return out;
}

const check = async (msg, expectChanged) => {
  const r = await repair(msg, { profile: 'ses-v2' });
  if (r.changed !== expectChanged || !r.report.ok)
    throw new Error(
      `unexpected repair result: changed=${r.changed} issues=${JSON.stringify(r.report.issues)}`,
    );
  return r;
};

await check(typical, false);
const a = await measure(
  [
    ['validate', (m) => validate(m)],
    ['repair', (m) => repair(m)],
  ],
  typical,
  15,
  200,
);
console.log(`(a) typical message that needs nothing (${(typical.length / 1024).toFixed(0)} KB), per call:`);
console.log(
  `    validate ${(a.get('validate') * 1000).toFixed(1)} µs, repair ${(a.get('repair') * 1000).toFixed(1)} µs, ratio ${(a.get('repair') / a.get('validate')).toFixed(2)}× (target ≤ 1.5×); CPU time ${(a.get('validate cpu') * 1000).toFixed(1)} / ${(a.get('repair cpu') * 1000).toFixed(1)} µs, ratio ${(a.get('repair cpu') / a.get('validate cpu')).toFixed(2)}×`,
);

for (const [label, msg] of [
  ['(b) 8 MB: 2 MB 8-bit text part with bare LFs + 6 MB base64 attachment', bigBadPart],
  ['(c) 8 MB: one 8-bit text part with 1,500-octet lines', bigText],
]) {
  const r = await check(msg, true);
  const t = await measure(
    [
      ['validate', (m) => validate(m, { profile: 'ses-v2' })],
      ['repair', (m) => repair(m, { profile: 'ses-v2' })],
    ],
    msg,
    7,
    3,
  );
  console.log(
    `${label} (${(msg.length / MB).toFixed(1)} MB, fixes: ${r.fixes.map((f) => f.code).join(', ')}):`,
  );
  console.log(
    `    validate ${t.get('validate').toFixed(1)} ms, repair ${t.get('repair').toFixed(1)} ms (target well under 100 ms); CPU time ${t.get('validate cpu').toFixed(1)} / ${t.get('repair cpu').toFixed(1)} ms, ratio ${(t.get('repair cpu') / t.get('validate cpu')).toFixed(2)}×`,
  );
}
