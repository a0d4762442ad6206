// repair() bounds (imports the BUILT package), in a process of its own so that earlier benchmarks' memory does not
// hide this one's growth. Run with `pnpm bench repair` (with repair.bench.mjs) or `pnpm bench repair-bounds`.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { repair, validate } from '@rawmail/validate';

const gc = globalThis.gc ?? (() => {});
const MB = 1024 * 1024;
const head =
  'From: Shop <shop@example.com>\r\nTo: Ann <ann@example.org>\r\nSubject: Report\r\nDate: Fri, 27 Nov 2026 12:00:00 +0000\r\nMessage-ID: <b@example.com>\r\nMIME-Version: 1.0\r\n';
const line = 'Grüße aus München, die Bestellung ist unterwegs und kommt übermorgen an.\n';
const badText = line.repeat(Math.ceil((2 * MB) / Buffer.byteLength(line)));
const attachment = randomBytes(3 * MB)
  .toString('base64')
  .replace(/.{76}/g, '$&\r\n');
const bigBadPart = Buffer.from(
  `${head}Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${badText}\r\n--b--\r\n`,
  'utf8',
);

// (d) A large message that needs repair, arriving as a stream of 64 KB chunks: repair() holds it whole (and its
//     result), so the bound is a small multiple of the message size, not a constant. Peak growth of the process's
//     resident memory (Linux VmHWM, reset before the run), which also sees the synchronous planning and writing.
//     validate() of the same stream is the streaming reference.
// (e) Hostile shapes, at two sizes: the time per MB must stay flat (linear time), as for validate().

const peakRss = () => {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : undefined;
};
const resetPeak = () => {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
};
const settle = async () => {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setImmediate(r));
  }
};
const streamSize = 24 * MB;
const streamed = Buffer.concat([
  bigBadPart.subarray(0, bigBadPart.length - '--b--\r\n'.length),
  ...Array.from({ length: Math.ceil((streamSize - bigBadPart.length) / (4 * MB)) }, () =>
    Buffer.from(
      `--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n${attachment.slice(0, Math.floor((4 * MB) / 78) * 78)}`,
      'latin1',
    ),
  ),
  Buffer.from('--b--\r\n'),
]);
async function* chunks() {
  for (let i = 0; i < streamed.length; i += 64 * 1024) yield streamed.subarray(i, i + 64 * 1024);
}
const memory = [];
for (const [name, run] of [
  ['validate', () => validate(chunks(), { profile: 'ses-v2' })],
  ['repair', () => repair(chunks(), { profile: 'ses-v2' })],
]) {
  await settle();
  if (!resetPeak() || peakRss() === undefined) {
    console.log('(d) skipped: no /proc/self/clear_refs or VmHWM here (Linux only)');
    break;
  }
  const base = peakRss();
  const result = await run();
  const growth = peakRss() - base;
  memory.push([name, growth, result]);
}
if (memory.length === 2) {
  const [[, v], [, r, result]] = memory;
  if (!result.changed || !result.report.ok) throw new Error('(d): the streamed message was not repaired');
  console.log(
    `(d) ${(streamed.length / MB).toFixed(1)} MB stream in 64 KB chunks (2 MB bad text part + base64 attachments), peak resident memory growth:`,
  );
  console.log(
    `    validate ${(v / MB).toFixed(1)} MB; repair ${(r / MB).toFixed(1)} MB = ${(r / streamed.length).toFixed(2)}× the message (target ≤ 4×: input + result + one re-encoded part)`,
  );
}

const H = `From: a@example.com\r\nTo: b@example.org\r\nSubject: x\r\nDate: Fri, 27 Nov 2026 12:00:00 +0000\r\nMessage-ID: <1@example.com>\r\nMIME-Version: 1.0\r\n`;
const shapes = [
  [
    'many header fields with raw UTF-8 and long lines, in many parts',
    (n) =>
      `${H}Content-Type: multipart/mixed; boundary="o"\r\n\r\n${`--o\r\n${'X-A: ü\r\n'.repeat(200)}${`X-L: ${'ab '.repeat(400)}\r\n`.repeat(2)}Content-Type: text/plain\r\n\r\nhi\r\n`.repeat(n)}--o--\r\n`,
  ],
  [
    'many multipart/signed parts beside a part to re-encode',
    (n) =>
      `${H}Content-Type: multipart/mixed; boundary="o"\r\n\r\n${'--o\r\nContent-Type: multipart/signed; boundary="s"\r\n\r\n--s\r\nContent-Type: text/plain\r\n\r\nhi\r\n--s--\r\n'.repeat(n * 20)}--o\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nGrüße\r\n--o--\r\n`,
  ],
  [
    'many DKIM signatures and many changed headers (breakDkim)',
    (n) =>
      `${H}${'DKIM-Signature: v=1; d=example.com; h=x-a:from; b=x\r\n'.repeat(Math.min(n * 10, 9000))}${'X-A: ü\r\n'.repeat(Math.min(n * 10, 9000))}Content-Type: text/plain\r\n\r\n${'hi\r\n'.repeat(n * 200)}`,
  ],
  [
    'many small parts with bare LF line endings',
    (n) =>
      `${H}Content-Type: multipart/mixed; boundary="o"\n\n${'--o\nContent-Type: text/plain; charset=utf-8\n\nGrüße\n'.repeat(n * 30)}--o--\n`,
  ],
];
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
console.log(
  '(e) hostile shapes: repair CPU time per MB at 1× and 4× the size (linear time: the two stay close)',
);
for (const [label, make] of shapes) {
  const perMb = [];
  for (const n of [100, 400]) {
    const msg = Buffer.from(make(n), 'utf8');
    await repair(msg, { profile: 'ses-v2', breakDkim: true });
    await settle();
    const t0 = cpuMs();
    const r = await repair(msg, { profile: 'ses-v2', breakDkim: true });
    const t1 = cpuMs();
    await validate(msg, { profile: 'ses-v2' });
    const mb = msg.length / MB;
    perMb.push([(t1 - t0) / mb, msg.length, (cpuMs() - t1) / mb, r.changed]);
  }
  const [[a, sa, va, ca], [b, sb, vb, cb]] = perMb;
  if (!ca || !cb) throw new Error(`(e) ${label}: nothing was repaired`);
  console.log(
    `    ${label}: ${(sa / MB).toFixed(2)} MB ${a.toFixed(0)} ms/MB (validate ${va.toFixed(0)}), ${(sb / MB).toFixed(2)} MB ${b.toFixed(0)} ms/MB (validate ${vb.toFixed(0)}): ratio ${(b / a).toFixed(2)}`,
  );
}
