// Where the examples send: an embedded aws-ses-v2-local on 127.0.0.1 (default), or the endpoint in
// RAWMAIL_SES_ENDPOINT. The examples never talk to real Amazon SES unless you change the client yourself.
import { SESClient } from '@aws-sdk/client-ses';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import sesLocal from 'aws-ses-v2-local';

/**
 * Starts (or points at) a local SES endpoint.
 * @returns {Promise<{ endpoint: string; v1: () => SESClient; v2: () => SESv2Client; received: () => Promise<unknown[]>; stop: () => Promise<void> }>}
 */
export async function localSes() {
  let endpoint = process.env.RAWMAIL_SES_ENDPOINT;
  let server;
  if (!endpoint) {
    // aws-ses-v2-local is CommonJS with an `exports.default`.
    const start = sesLocal.default ?? sesLocal;
    server = await start({ host: '127.0.0.1', port: 0 });
    endpoint = `http://127.0.0.1:${server.address().port}`;
  }
  const config = {
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example' },
    // The emulator hangs on actions it does not implement: never wait forever.
    requestHandler: { requestTimeout: 10_000, connectionTimeout: 3_000 },
  };
  return {
    endpoint,
    v1: () => new SESClient(config),
    v2: () => new SESv2Client(config),
    received: async () => (await (await fetch(`${endpoint}/store`)).json()).emails,
    stop: () => new Promise((resolve) => (server ? server.close(() => resolve()) : resolve())),
  };
}

/** Prints a validation report the way the CLI's text format does, one issue a line. */
export function printReport(label, report) {
  const errors = report.issues.filter((i) => i.severity === 'error').length;
  console.log(
    `${label}: ok=${report.ok} profile=${report.profile} size=${report.size} recipients=${report.recipients.count} ` +
      `errors=${errors} warnings=${report.issues.length - errors}`,
  );
  for (const i of report.issues) {
    const where = [i.line && `line ${i.line}`, i.header, i.part && `part ${i.part}`]
      .filter(Boolean)
      .join(', ');
    console.log(`  ${i.severity} ${i.code}: ${i.message}${where ? ` (${where})` : ''}`);
    if (i.hint) console.log(`    hint: ${i.hint}`);
  }
}
