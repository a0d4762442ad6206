/**
 * Issue 8 §2: a forwarded message (`message/rfc822`, e.g. an `.eml` attachment) is written 7bit or 8bit, never
 * base64 (RFC 2046 §5.2.1), and comes back whole through mailparser, postal-mime and Python's email package.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { validate } from '@rawmail/validate';
import PostalMime from 'postal-mime';
import { describe, expect, test } from 'vitest';
import { ComposeError, compose } from '../src/index.js';
import { lf, mailparser, postalMime } from './helpers/oracles.js';

interface PyEmbedded {
  cte: string | null;
  filename: string | null;
  subject: string | null;
  from: string[] | null;
  text: string | null;
  attachments: [string | null, string][];
  defects: string[];
}

/** postal-mime hands back a 7bit/8bit attachment with LF line ends and one extra LF at the end (its line decoder
 * adds one), so its view of the embedded body is compared up to trailing line ends; mailparser and Python are exact. */
const trimEnd = (s: string) => lf(s).replace(/\n+$/, '\n');

const script = fileURLToPath(new URL('./helpers/python_embedded.py', import.meta.url));
function pythonEmbedded(raw: Uint8Array): PyEmbedded[] {
  const input = JSON.stringify([Buffer.from(raw).toString('base64')]);
  const r = spawnSync('python3', [script], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error || r.status !== 0)
    throw new Error(`python3 is required for this oracle: ${r.error ?? r.stderr}`);
  return (JSON.parse(r.stdout) as PyEmbedded[][])[0] ?? [];
}

const base = { from: 'me@example.com', to: 'you@example.org', subject: 'Fwd: report', text: 'See attached.' };

/** The part header and body of the message/rfc822 part, as written. */
function rfc822Part(raw: Uint8Array): { header: string; body: Buffer } {
  const s = Buffer.from(raw).toString('latin1');
  const at = s.search(/Content-Type: message\/rfc822/i);
  const headerEnd = s.indexOf('\r\n\r\n', at);
  const boundary = /boundary="([^"]+)"/.exec(s)?.[1] ?? '';
  const end = s.indexOf(`\r\n--${boundary}`, headerEnd + 4);
  return { header: s.slice(at, headerEnd), body: Buffer.from(s.slice(headerEnd + 4, end), 'latin1') };
}

async function errorsOf(raw: Uint8Array) {
  const r = await validate(raw, { profile: 'ses-v2' });
  return { errors: r.issues.filter((i) => i.severity === 'error'), warnings: r.issues.map((i) => i.code) };
}

describe('a 7-bit clean forwarded message', async () => {
  const inner = await compose({
    from: 'Ünïcode Sender <alice@bücher.example>',
    to: 'bob@example.net',
    subject: 'Grüße – quarterly report',
    text: 'Hello Bob,\nthe figures are attached.\n',
    attachments: [{ filename: 'figures.bin', content: Buffer.from([0, 1, 2, 255, 254, 10, 13]) }],
  });

  test('is written 7bit, byte for byte, and validate (ses-v2) reports no error', async () => {
    const m = await compose({ ...base, attachments: [{ filename: 'report.eml', content: inner.raw }] });
    const part = rfc822Part(m.raw);
    expect(part.header).toMatch(/Content-Transfer-Encoding: 7bit/i);
    expect(part.header).not.toMatch(/base64/i);
    expect(part.body.equals(Buffer.from(inner.raw))).toBe(true);
    expect((await errorsOf(m.raw)).errors).toEqual([]);
  });

  test('round-trips through Python email, mailparser and postal-mime', async () => {
    const m = await compose({ ...base, attachments: [{ filename: 'report.eml', content: inner.raw }] });
    const [py] = pythonEmbedded(m.raw);
    expect(py).toMatchObject({
      cte: '7bit',
      filename: 'report.eml',
      subject: 'Grüße – quarterly report',
      from: ['alice@xn--bcher-kva.example'],
      defects: [],
    });
    expect(lf(py?.text ?? '')).toBe('Hello Bob,\nthe figures are attached.\n');
    expect(py?.attachments).toEqual([
      ['figures.bin', Buffer.from([0, 1, 2, 255, 254, 10, 13]).toString('base64')],
    ]);

    const mp = await mailparser(m.raw);
    const mpAtt = mp.attachments.find((a) => a.contentType === 'message/rfc822');
    expect(mpAtt?.filename).toBe('report.eml');
    expect(Buffer.from(mpAtt?.content ?? []).equals(Buffer.from(inner.raw))).toBe(true);

    const pm = await postalMime(m.raw);
    const pmAtt = pm.attachments.find((a) => a.mimeType === 'message/rfc822');
    expect(pmAtt?.filename).toBe('report.eml');
    const reparsed = await PostalMime.parse(pmAtt?.content as ArrayBuffer);
    expect(reparsed.subject).toBe('Grüße – quarterly report');
    expect(trimEnd(reparsed.text ?? '')).toBe('Hello Bob,\nthe figures are attached.\n');
  });

  test('also from a file path, and with an explicit contentType', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rawmail-fwd-'));
    const file = join(dir, 'saved.eml');
    writeFileSync(file, inner.raw);
    for (const a of [
      { path: file },
      { content: inner.raw, filename: 'x.bin', contentType: 'message/rfc822' },
    ]) {
      const m = await compose({ ...base, attachments: [a] });
      expect(rfc822Part(m.raw).header).toMatch(/Content-Transfer-Encoding: 7bit/i);
      expect((await errorsOf(m.raw)).errors).toEqual([]);
    }
  });
});

describe('a forwarded message that is not 7-bit clean', () => {
  // Raw UTF-8 in the body (8bit), headers encoded as SES requires, saved with Unix line ends.
  const eightBit = Buffer.from(
    'From: =?UTF-8?Q?J=C3=B6rg?= <joerg@example.de>\nTo: bob@example.net\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe_aus_K=C3=B6ln?=\nMIME-Version: 1.0\n' +
      'Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nHallo Bob, schöne Grüße!\n',
    'utf8',
  );

  test('is written 8bit with CRLF line ends; validate reports only the body.8bit warning, no error', async () => {
    const m = await compose({ ...base, attachments: [{ filename: 'fwd.eml', content: eightBit }] });
    const part = rfc822Part(m.raw);
    expect(part.header).toMatch(/Content-Transfer-Encoding: 8bit/i);
    expect(part.body.toString('utf8')).toBe(eightBit.toString('utf8').replace(/\n/g, '\r\n'));
    const { errors, warnings } = await errorsOf(m.raw);
    expect(errors).toEqual([]);
    expect(warnings).toContain('body.8bit');
  });

  test('round-trips through Python email and postal-mime', async () => {
    const m = await compose({ ...base, attachments: [{ filename: 'fwd.eml', content: eightBit }] });
    const [py] = pythonEmbedded(m.raw);
    expect(py?.cte).toBe('8bit');
    expect(py?.from).toEqual(['joerg@example.de']);
    expect(lf(py?.text ?? '')).toBe('Hallo Bob, schöne Grüße!\n');
    const pm = await postalMime(m.raw);
    const pmAtt = pm.attachments.find((a) => a.mimeType === 'message/rfc822');
    const reparsed = await PostalMime.parse(pmAtt?.content as ArrayBuffer);
    expect(reparsed.subject).toBe('Grüße aus Köln');
    expect(trimEnd(reparsed.text ?? '')).toBe('Hallo Bob, schöne Grüße!\n');
  });
});

describe('what cannot be forwarded unencoded is refused with a code', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    [
      'a NUL byte',
      { filename: 'a.eml', content: Buffer.from('Subject: x\r\n\r\na\0b\r\n') },
      'compose.input-invalid',
    ],
    [
      'a 999-octet line',
      { filename: 'a.eml', content: `Subject: x\r\n\r\n${'a'.repeat(999)}\r\n` },
      'compose.input-invalid',
    ],
    ['an empty message', { filename: 'a.eml', content: '' }, 'compose.input-invalid'],
    [
      'raw non-ASCII in its header section',
      { filename: 'a.eml', content: 'Subject: Grüße\r\n\r\nbody\r\n' },
      'compose.input-invalid',
    ],
    [
      'a stream',
      { filename: 'a.eml', content: Readable.from([Buffer.from('Subject: x\r\n\r\nb\r\n')]) },
      'compose.input-invalid',
    ],
    ['a missing file', { path: '/nonexistent/rawmail/a.eml' }, 'compose.attachment-unreadable'],
  ];
  for (const [what, attachment, code] of cases) {
    test(what, async () => {
      const err = await compose({ ...base, attachments: [attachment as never] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ComposeError);
      expect((err as ComposeError).code).toBe(code);
      expect((err as ComposeError).path[0]).toBe('attachments');
    });
  }

  test('a 998-octet line is accepted', async () => {
    const m = await compose({
      ...base,
      attachments: [{ filename: 'a.eml', content: `Subject: x\r\n\r\n${'a'.repeat(998)}\r\n` }],
    });
    expect((await errorsOf(m.raw)).errors).toEqual([]);
  });
});

test('a URL as the path of a forwarded message is refused as for any attachment', async () => {
  const err = await compose({ ...base, attachments: [{ path: 'https://example.com/a.eml' }] }).catch(
    (e: unknown) => e,
  );
  expect(err).toMatchObject({ code: 'compose.input-invalid', path: ['attachments', 0, 'path'] });
});
