import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ValidateError, validate } from '../src/index.js';

// Issue messages quote text from the message (header lines, names, addresses, file names). Printed by the CLI to
// a terminal or a CI log, a raw ESC or BEL there would be an escape-sequence injection.
const RAW_CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;

const cleanReport = async (message: string) => {
  const report = await validate(message);
  for (const issue of report.issues) {
    expect(issue.message).not.toMatch(RAW_CONTROL);
    expect(issue.hint ?? '').not.toMatch(RAW_CONTROL);
    expect(issue.header ?? '').not.toMatch(RAW_CONTROL);
  }
  return report;
};

test('control characters quoted from the message are shown as \\xHH escapes', async () => {
  const report = await cleanReport(
    'From: a@example.com\r\nTo: b@example.com\r\nX-\x1b[31mEvil: 1\r\n\r\nbody\r\n',
  );
  const malformed = report.issues.find((i) => i.code === 'header.malformed');
  expect(malformed?.message).toContain("'X-\\x1b[31mEvil: 1'");
  const attachment = await cleanReport(
    [
      'From: a@example.com',
      'To: b@example.com',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: application/octet-stream',
      'Content-Disposition: attachment; filename="a\x1b[2J.exe"',
      '',
      'x',
      '--b--',
      '',
    ].join('\r\n'),
  );
  expect(attachment.issues.map((i) => i.code)).toContain('attachment.blocked-type');
});

test('property: no issue text carries a raw control character, whatever the header lines hold', async () => {
  const line = fc.string({
    unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)),
    maxLength: 40,
  });
  await fc.assert(
    fc.asyncProperty(fc.array(line, { maxLength: 6 }), fc.string({ maxLength: 30 }), async (lines, name) => {
      const message = ['From: a@example.com', `To: ${name} <b@example.com>`, ...lines, '', 'body'].join(
        '\r\n',
      );
      const report = await cleanReport(message);
      // Not vacuous: a control character in the header section is always reported (so there was text to escape).
      const headerSection = message.slice(0, message.indexOf('\r\n\r\n')).replace(/\r\n/g, '');
      if (RAW_CONTROL.test(headerSection)) expect(report.issues.length).toBeGreaterThan(0);
    }),
    { numRuns: 300 },
  );
});

describe('errors thrown by validate are safe to log', () => {
  const thrown = async (
    message: Parameters<typeof validate>[0],
    options?: Parameters<typeof validate>[1],
  ) => {
    const error = await validate(message, options).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidateError);
    const e = error as ValidateError & { problems?: { path: string; message: string }[] };
    expect(e.message).not.toMatch(RAW_CONTROL);
    for (const p of e.problems ?? []) {
      expect(p.path).not.toMatch(RAW_CONTROL);
      expect(p.message).not.toMatch(RAW_CONTROL);
    }
    return e;
  };
  test('an unknown profile name with ESC and CRLF', async () => {
    const e = await thrown('x', { profile: 'ses\x1b[2J\r\nINFO fake' as never });
    expect(e.code).toBe('validate.options-invalid');
    expect(e.message).toContain("'ses\\x1b[2J\\x0d\\x0aINFO fake'");
  });
  test('an unknown rule code in a custom profile', async () => {
    const e = await thrown('x', {
      profile: { name: 'p', extends: 'ses-v2', rules: { 'bad\ncode': 'off' } as never },
    });
    expect(e.problems?.[0]?.path).toBe('profile.rules.bad\\x0acode');
  });
  test('a stream that fails with control characters in its error', async () => {
    const stream = new PassThrough();
    setImmediate(() => stream.destroy(new Error('disk gone\r\n\x1b[31mFAKE')));
    const e = await thrown(stream);
    expect(e.code).toBe('validate.read-failed');
    expect(e.message).toBe('Reading the message stream failed: disk gone\\x0d\\x0a\\x1b[31mFAKE');
  });
});
