import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { repair, validate } from '../../src/index.js';

/** Header fields, some broken in the ways the Repair table lists (raw UTF-8, long lines, encoded words, Bcc…). */
const header = fc.constantFrom(
  'Subject: Grüße aus München',
  'Subject: plain',
  `Subject: ${'word '.repeat(250)}`,
  `X-Data: ${'x'.repeat(1200)}`,
  'X-Note: =?UTF-8?B?R3LDvMOfZQ?=',
  'From: Jörg <joerg@example.com>',
  'To: Ann <ann@bücher.example>, bob@example.org',
  'To: "Dörte, A." <a@example.org>',
  'Cc: Team: c@example.org, d@example.org;',
  'Bcc: hidden@example.org',
  'Bcc: broken@',
  'Date: Fri, 27 Nov 2026 12:00:00 +0000',
  'Comments: café',
  'Content-Description: Ärger',
  'DKIM-Signature: v=1; d=example.com; h=from:subject; b=x',
  'X-Weird: \x07bell',
);
const body = fc.constantFrom(
  'Hello.',
  'Grüße!',
  `${'long '.repeat(300)}`,
  'line one\nline two\rline three',
  '',
);
const leaf = fc
  .tuple(
    fc.constantFrom(
      'Content-Type: text/plain; charset=utf-8',
      'Content-Type: text/html; charset=iso-8859-1',
      'Content-Type: application/octet-stream; name="Bericht-März.bin"',
      'Content-Type: application/pdf\r\nContent-Transfer-Encoding: base64',
      'Content-Type: text/plain\r\nContent-Transfer-Encoding: 8bit',
    ),
    body,
    fc.boolean(),
  )
  .map(([ct, text, spaces]) =>
    ct.includes('base64')
      ? `${ct}\r\n\r\n${spaces ? 'JVBE Ri0x LjQK' : 'JVBERi0xLjQK'}`
      : `${ct}\r\n\r\n${text}`,
  );

const message = fc
  .tuple(
    fc.array(header, { minLength: 1, maxLength: 6 }),
    fc.array(leaf, { minLength: 1, maxLength: 3 }),
    fc.boolean(),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([headers, leaves, multipart, closed, lf]) => {
    const head = `${headers.join('\r\n')}\r\n`;
    const text = multipart
      ? `${head}MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="zz"\r\n\r\n${leaves.map((l) => `--zz\r\n${l}\r\n`).join('')}${closed ? '--zz--\r\n' : ''}`
      : `${head}${leaves[0]}\r\n`;
    return Buffer.from(lf ? text.replace(/\r\n/g, '\n') : text, 'utf8');
  });

describe('repair on generated broken messages', () => {
  test('never throws, never adds an error, and is idempotent', async () => {
    await fc.assert(
      fc.asyncProperty(message, async (raw) => {
        const before = await validate(raw);
        const r = await repair(raw);
        const errors = (issues: { severity: string }[]) =>
          issues.filter((i) => i.severity === 'error').length;
        expect(errors(r.report.issues)).toBeLessThanOrEqual(errors(before.issues));
        if (!r.changed) expect(r.raw).toBe(raw);
        const again = await repair(r.raw);
        expect(again.changed).toBe(false);
      }),
      { numRuns: 300, interruptAfterTimeLimit: 20_000 },
    );
  });
});
