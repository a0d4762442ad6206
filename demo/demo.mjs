// rawmail demo: compose → validate → send through SES (an embedded local endpoint unless configured otherwise)
// → read back; then a broken message refused with its coded issues, and a small bulk send.
//
//   pnpm demo                                   embedded aws-ses-v2-local on 127.0.0.1 (default)
//   RAWMAIL_SES_ENDPOINT=http://host:port pnpm demo   an aws-ses-v2-local you run yourself
//   AWS credentials + AWS_REGION + RAWMAIL_DEMO_FROM + RAWMAIL_DEMO_TO   real Amazon SES (verified identities)
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { compose } from '@rawmail/compose';
import { createSesSender, SesSendError, ValidationFailedError } from '@rawmail/ses';
import { validate } from '@rawmail/validate';

const line = (title) => console.log(`\n── ${title} ${'─'.repeat(Math.max(0, 72 - title.length))}`);

function printReport(report) {
  const errors = report.issues.filter((i) => i.severity === 'error').length;
  const warnings = report.issues.length - errors;
  console.log(
    `  ok=${report.ok}  profile=${report.profile}  size=${report.size} bytes  recipients=${report.recipients.count}  errors=${errors}  warnings=${warnings}`,
  );
  for (const i of report.issues) {
    const where = [i.line && `line ${i.line}`, i.header, i.part && `part ${i.part}`]
      .filter(Boolean)
      .join(', ');
    console.log(`  ${i.severity.padEnd(7)} ${i.code.padEnd(28)} ${i.message}${where ? ` (${where})` : ''}`);
    if (i.hint) console.log(`  ${''.padEnd(36)} hint: ${i.hint}`);
  }
}

/** A tiny valid PNG (4×4, rawmail blue) and a small valid one-page PDF. */
const logoPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEklEQVR4nGNgYPiPjBgo5AMAE/wP8f0jq1AAAAAASUVORK5CYII=',
  'base64',
);
function invoicePdf() {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const text = 'BT /F1 24 Tf 72 760 Td (Invoice 2026-042: EUR 1,234.56) Tj ET';
  objs[3] = `<< /Length ${text.length} >>\nstream\n${text}\nendstream`;
  let out = '%PDF-1.4\n';
  const offsets = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

async function endpointSetup() {
  const env = process.env;
  const realAws =
    (env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE) &&
    (env.AWS_REGION || env.AWS_DEFAULT_REGION) &&
    !env.RAWMAIL_SES_ENDPOINT;
  if (realAws && env.RAWMAIL_DEMO_FROM && env.RAWMAIL_DEMO_TO) {
    return {
      kind: 'Amazon SES',
      client: new SESv2Client({ region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION }),
      from: env.RAWMAIL_DEMO_FROM,
      to: env.RAWMAIL_DEMO_TO.split(',').map((s) => s.trim()),
      store: undefined,
      stop: async () => {},
    };
  }
  if (realAws) {
    console.log(
      '  AWS credentials found, but RAWMAIL_DEMO_FROM / RAWMAIL_DEMO_TO are not set: using a local endpoint.',
    );
  }
  const credentials = { accessKeyId: 'AKIDRAWMAILDEMO', secretAccessKey: 'rawmail-demo' };
  const requestHandler = { requestTimeout: 10_000, connectionTimeout: 3_000, throwOnRequestTimeout: true };
  let url = env.RAWMAIL_SES_ENDPOINT;
  let stop = async () => {};
  let kind = `aws-ses-v2-local at ${url}`;
  if (!url) {
    const mod = await import('aws-ses-v2-local');
    const start = typeof mod.default === 'function' ? mod.default : mod.default.default;
    const server = await start({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${server.address().port}`;
    kind = `embedded aws-ses-v2-local at ${url}`;
    stop = () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
  }
  return {
    kind,
    client: new SESv2Client({ endpoint: url, region: 'eu-west-1', credentials, requestHandler }),
    from: { name: 'Zoë Åström — Buchhaltung', address: 'zoe@example.com' },
    to: [{ name: 'Jürgen Groß', address: 'juergen@example.com' }, 'Ana Núñez <ana@example.com>'],
    store: async (messageId) => {
      const res = await fetch(`${url}/store`, { signal: AbortSignal.timeout(5000) });
      const { emails } = await res.json();
      return emails.find((e) => e.messageId === messageId);
    },
    stop,
  };
}

async function main() {
  line('1. Compose');
  const ep = await endpointSetup();
  const message = await compose({
    from: ep.from,
    to: ep.to,
    cc: ep.store ? 'Buchhaltung <accounts@example.com>' : undefined,
    bcc: ep.store ? 'archive@example.com' : undefined,
    subject: 'Ihre Rechnung №2026-042 — Grüße aus Köln 🌷',
    text: 'Hallo Jürgen,\n\nanbei die Rechnung №2026-042 über 1.234,56 €.\n\nViele Grüße\nZoë',
    html: '<p>Hallo Jürgen,</p><p>anbei die Rechnung <b>№2026-042</b> über 1.234,56 €.</p><p><img src="cid:logo@rawmail.example" alt="Logo"></p><p>Viele Grüße<br>Zoë</p>',
    attachments: [
      { filename: 'logo.png', content: logoPng, contentType: 'image/png', cid: 'logo@rawmail.example' },
      { filename: 'Rechnung №2026-042.pdf', content: invoicePdf(), contentType: 'application/pdf' },
    ],
  });
  const raw = Buffer.from(message.raw);
  const headerEnd = raw.indexOf('\r\n\r\n');
  console.log(`  ${message.size} bytes, Message-ID ${message.messageId}`);
  console.log(`  envelope: from ${message.envelope.from} to ${message.envelope.to.join(', ')}`);
  console.log('  headers as sent (7-bit, RFC 2047 words):');
  for (const h of raw.subarray(0, headerEnd).toString('latin1').split('\r\n')) console.log(`    ${h}`);

  line('2. Validate (profile ses-v2)');
  const report = await validate(message.raw, { profile: 'ses-v2', destinations: message.envelope.to });
  printReport(report);

  line(`3. Send through ${ep.kind}`);
  const sender = createSesSender({ client: ep.client, tags: [{ name: 'app', value: 'rawmail-demo' }] });
  try {
    const result = await sender.send(message);
    console.log(`  MessageId:  ${result.messageId}`);
    console.log(`  size:       ${result.report.size} bytes`);
    console.log(`  recipients: ${result.destinations.join(', ')} (Bcc only in the envelope)`);
    console.log(`  attempts:   ${result.attempts}`);
    if (ep.store) {
      line('4. Read back from the endpoint');
      const stored = await ep.store(result.messageId);
      if (!stored) throw new Error(`message ${result.messageId} not found at the endpoint`);
      console.log(`  from:        ${stored.from}`);
      console.log(`  to:          ${stored.destination.to.join(', ')}`);
      console.log(`  cc:          ${stored.destination.cc.join(', ')}`);
      console.log(`  subject:     ${stored.subject}`);
      console.log(`  text:        ${JSON.stringify(stored.body.text?.slice(0, 60))}…`);
      console.log(
        `  html:        ${stored.body.html?.length ?? 0} chars, inline image cid:logo@rawmail.example`,
      );
      for (const a of stored.attachments) {
        console.log(`  attachment:  ${a.filename} (${a.contentType}, ${a.size} bytes)`);
      }
    }
  } catch (e) {
    if (e instanceof SesSendError)
      console.log(`  SES refused: ${e.code} ${e.message} (retryable=${e.retryable})`);
    throw e;
  }

  line('5. A broken message is refused before anything is sent');
  const broken = [
    'From: Zoë <zoë@exämple.com>',
    'To: "a@evil.example"@good.example, Team <team@example.com',
    'Subject: Rechnung',
    'Subject: Rechnung (again)',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain',
    '',
    'Hallo',
    '--b1',
    'Content-Type: application/octet-stream; name="setup.exe"',
    'Content-Disposition: attachment; filename="setup.exe"',
    'Content-Transfer-Encoding: base64',
    '',
    'TVqQ AAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAAAAAAA*',
    '',
  ].join('\r\n');
  const brokenReport = await validate(Buffer.from(broken, 'utf8'), { profile: 'ses-v2' });
  printReport(brokenReport);
  try {
    await sender.send(broken);
    throw new Error('the broken message was sent');
  } catch (e) {
    if (!(e instanceof ValidationFailedError)) throw e;
    console.log(
      `  sender.send → ValidationFailedError (${e.report.issues.length} issues); no request was made.`,
    );
  }

  if (ep.store) {
    line('6. Bulk: 120 recipients in batches of ≤ 50');
    const audience = Array.from({ length: 120 }, (_, i) => `subscriber${i + 1}@example.com`);
    const bulk = await sender.sendMany(message, audience, { concurrency: 2 });
    for (const b of bulk.batches) {
      console.log(
        `  batch of ${String(b.recipients.length).padStart(2)}: ${b.status} ${b.messageId ?? b.error?.code}`,
      );
    }
    console.log(`  sent to ${bulk.sent}, failed ${bulk.failed}`);
  }

  ep.client.destroy();
  await ep.stop();
  console.log('\nDone.');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
