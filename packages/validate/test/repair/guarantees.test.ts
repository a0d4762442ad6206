import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { repair, ValidateOptionsError } from '../../src/index.js';
import { REPAIRABLE_CODES } from '../../src/repair/repair.js';
import { HEAD } from '../helpers/fixtures.js';
import { meaningDiffs } from './helpers/meaning.js';

const DKIM =
  'DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=s1;\r\n h=from:to:subject:date; bh=AAAA; b=BBBB\r\n';
const body8bit =
  'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nGrüße\r\n';

describe('DKIM signatures are respected', () => {
  const signed = (extra: string) => Buffer.from(`${DKIM}${HEAD}${extra}${body8bit}`, 'utf8');

  test('a fix to a signed header or to the body is not made without breakDkim, and is listed as skipped', async () => {
    const input = Buffer.from(
      `${DKIM}${HEAD.replace('Subject: Hello', 'Subject: Grüße')}X-Note: café\r\n${body8bit}`,
      'utf8',
    );
    const r = await repair(input);
    // X-Note is not signed: fixed. Subject is signed, the body is signed: skipped.
    expect(r.fixes.map((f) => [f.code, f.header])).toEqual([['header.non-ascii', 'X-Note']]);
    expect(r.skipped.map((f) => [f.code, f.header])).toEqual([
      ['header.non-ascii', 'Subject'],
      ['body.8bit', undefined],
    ]);
    expect(r.skipped[0]?.message).toMatch(/DKIM signature.*breakDkim/);
    const out = Buffer.from(r.raw).toString('latin1');
    expect(out.startsWith(DKIM)).toBe(true);
    expect(out).toContain(Buffer.from('Subject: Grüße\r\n', 'utf8').toString('latin1'));
    expect(r.report.issues.map((i) => i.code)).toContain('header.non-ascii');
  });

  test('with breakDkim the fixes are made and the invalidated signature is removed, and said so', async () => {
    const r = await repair(signed(''), { breakDkim: true });
    expect(r.changed).toBe(true);
    const out = Buffer.from(r.raw).toString('latin1');
    expect(out).not.toContain('DKIM-Signature');
    expect(r.fixes[0]?.message).toMatch(/invalidated the DKIM signature of example\.com, which was removed/);
    expect(r.report.issues.filter((i) => REPAIRABLE_CODES.has(i.code))).toEqual([]);
  });

  test('bare LF line endings are still made CRLF (RFC 6376 §5.3: signatures are over the CRLF form)', async () => {
    const raw = Buffer.from(`${DKIM}${HEAD}Content-Type: text/plain\r\n\r\nline one\nline two\r\n`, 'latin1');
    const r = await repair(raw);
    expect(Buffer.from(r.raw).toString('latin1')).toContain('line one\r\nline two\r\n');
    expect(r.fixes.map((f) => f.code)).toEqual(['line.bare-newline']);
  });
});

describe('signed and encrypted content is never changed', () => {
  test('multipart/signed: the signed part and the signature stay byte for byte', async () => {
    const signedPart = `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nGrüße\nbare LF ${'x'.repeat(1200)}\r\n`;
    const signature =
      'Content-Type: application/pkcs7-signature; name=smime.p7s\r\nContent-Transfer-Encoding: base64\r\n\r\nMIAGCSqGSIb3DQEHAqCAMIACAQEx DzAN\r\n';
    const raw = Buffer.from(
      `${HEAD.replace('Subject: Hello', 'Subject: Grüße')}Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary="s"\r\n\r\n--s\r\n${signedPart}--s\r\n${signature}--s--\r\n`,
      'utf8',
    );
    const r = await repair(raw);
    const out = Buffer.from(r.raw);
    expect(r.fixes.map((f) => f.code)).toEqual(['header.non-ascii']);
    expect(out.includes(Buffer.from(`--s\r\n${signedPart}--s\r\n${signature}--s--\r\n`, 'utf8'))).toBe(true);
  });

  test('application/pkcs7-mime bodies are not re-wrapped', async () => {
    const raw = Buffer.from(
      `${HEAD}Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m\r\nContent-Transfer-Encoding: base64\r\n\r\nMIAG CSqG SIb3 DQEH\r\n`,
      'latin1',
    );
    const r = await repair(raw);
    expect(r.changed).toBe(false);
    expect(r.report.issues.map((i) => i.code)).toContain('mime.base64-invalid');
  });
});

describe('what cannot be fixed without guessing stays in the report', () => {
  test.each([
    [
      'a non-ASCII local part',
      HEAD.replace('Bob <bob@example.org>', 'Bob <jürgen@example.org>'),
      'address.local-non-ascii',
    ],
    ['a duplicate with a different value', `${HEAD}Subject: Other\r\n`, 'header.duplicate'],
    [
      'an encoded word in an unknown charset',
      HEAD.replace('Subject: Hello', 'Subject: =?x-unknown?Q?abc?='),
      'encoded-word.invalid',
    ],
    [
      'a control character in a header that is also too long',
      HEAD.replace('Subject: Hello', `Subject: Hello\x07 ${'word '.repeat(250)}`),
      'header.control-char',
    ],
    [
      'a structured header without whitespace too long for a line',
      `${HEAD}List-Unsubscribe: <https://example.com/${'u'.repeat(1200)}>\r\n`,
      'line.too-long',
    ],
  ])('%s', async (_name, head, code) => {
    const raw = Buffer.from(`${head}Content-Type: text/plain\r\n\r\nHello.\r\n`, 'utf8');
    const r = await repair(raw);
    expect(r.changed).toBe(false);
    expect(r.raw).toBe(raw);
    expect(r.report.issues.map((i) => i.code)).toContain(code);
  });
});

describe('an encoded message/rfc822 part whose encoding readers decode differently is left as it is', () => {
  const forward = (cte: string, body: string) =>
    Buffer.from(
      `${HEAD}Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSee below.\r\n--b\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: ${cte}\r\n\r\n${body}\r\n--b--\r\n`,
      'latin1',
    );
  const inner = 'From: a@example.com\r\nSubject: Hi\r\n\r\n';
  test.each([
    ['quoted-printable with a stray "="', forward('quoted-printable', `${inner}1 = 1`)],
    [
      'quoted-printable with spaces before a line break',
      forward('quoted-printable', `${inner}Hi  \r\nthere`),
    ],
    ['base64 with a foreign character', forward('base64', 'RnJvbTog*YUBleGFtcGxlLmNvbQ0KDQpIaQ==')],
  ])('%s: not decoded, no fix listed, the error stays in the report', async (_name, raw) => {
    const r = await repair(raw);
    expect(r.changed).toBe(false);
    expect(r.raw).toBe(raw);
    expect(r.fixes).toEqual([]);
    expect(r.report.issues.map((i) => i.code)).toContain('mime.encoding-unknown');
  });

  test('a part left as it is still gets CRLF line endings and keeps the line break before its delimiter', async () => {
    const raw = Buffer.from(
      forward('base64', 'RnJvbTog*YUBleGFtcGxlLmNvbQ0KDQpIaQ==\r\nmore')
        .toString('latin1')
        .replace(/\r\n/g, '\n'),
      'latin1',
    );
    const r = await repair(raw);
    const out = Buffer.from(r.raw).toString('latin1');
    expect(out).toBe(raw.toString('latin1').replace(/\n/g, '\r\n'));
    expect(r.fixes.map((f) => f.code)).toEqual(['line.bare-newline']);
    expect(r.report.issues.map((i) => i.code).sort()).toEqual([
      'mime.base64-invalid',
      'mime.encoding-unknown',
    ]);
  });

  test('the same quoted-printable part without the ambiguity is decoded and repaired', async () => {
    const r = await repair(forward('quoted-printable', `${inner}1 =3D 1`));
    expect(r.fixes.map((f) => f.code)).toEqual(['mime.encoding-unknown']);
    expect(Buffer.from(r.raw).toString('latin1')).toContain(
      `Content-Transfer-Encoding: 7bit\r\n\r\n${inner}1 = 1\r\n--b--`,
    );
    expect(r.report.ok).toBe(true);
  });
});

describe('Bcc', () => {
  test('the Bcc header is removed and its addresses (Punycode domains) are returned for the envelope', async () => {
    const raw = Buffer.from(
      `${HEAD.replace('To: Bob <bob@example.org>\r\n', 'To: Bob <bob@example.org>\r\nBcc: carl@example.org, Dan <dan@bücher.example>\r\n')}Content-Type: text/plain\r\n\r\nHi.\r\n`,
      'utf8',
    );
    const r = await repair(raw);
    expect(r.destinations).toEqual(['carl@example.org', 'dan@xn--bcher-kva.example']);
    expect(Buffer.from(r.raw).toString('latin1')).not.toMatch(/^Bcc:/im);
    expect(r.report.recipients.destinations).toEqual(['carl@example.org', 'dan@xn--bcher-kva.example']);
    expect(r.report.recipients.count).toBe(3);
  });
});

describe('inputs and bounds', () => {
  test('a stream gives the same result as the bytes', async () => {
    const raw = Buffer.from(
      `${HEAD.replace('Subject: Hello', 'Subject: Grüße')}Content-Type: text/plain\r\n\r\nHi.\r\n`,
      'utf8',
    );
    const chunks = Array.from({ length: Math.ceil(raw.length / 7) }, (_, i) =>
      raw.subarray(i * 7, i * 7 + 7),
    );
    const fromStream = await repair(Readable.from(chunks));
    const fromBytes = await repair(raw);
    expect(Buffer.from(fromStream.raw).equals(Buffer.from(fromBytes.raw))).toBe(true);
    expect(fromStream.fixes).toEqual(fromBytes.fixes);
  });

  test('a string is repaired as its UTF-8 bytes', async () => {
    const r = await repair(
      `${HEAD.replace('Subject: Hello', 'Subject: Grüße')}Content-Type: text/plain\r\n\r\nHi.\r\n`,
    );
    expect(r.fixes.map((f) => f.code)).toEqual(['header.non-ascii']);
  });

  test('bad options and bad message types throw typed errors', async () => {
    await expect(repair('x', { breakDkim: 'yes' as unknown as boolean })).rejects.toBeInstanceOf(
      ValidateOptionsError,
    );
    await expect(repair(42 as unknown as string)).rejects.toMatchObject({ code: 'validate.message-type' });
  });

  test('a header line longer than the reader keeps is left alone, with the report', async () => {
    const raw = Buffer.from(
      `${HEAD}X-Huge: ${'é'.repeat(700_000)}\r\nContent-Type: text/plain\r\n\r\nHi.\r\n`,
      'utf8',
    );
    const r = await repair(raw);
    expect(r.changed).toBe(false);
    expect(r.report.ok).toBe(false);
  });

  test('an 8 MB message with an 8-bit text part: repaired, meaning kept', async () => {
    const line = `${'Grüße aus München, '.repeat(3)}\r\n`;
    const text = line.repeat(Math.ceil((8 * 1024 * 1024) / Buffer.byteLength(line)));
    const raw = Buffer.from(
      `${HEAD}Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${text}--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\nAAEC\r\n--b--\r\n`,
      'utf8',
    );
    const r = await repair(raw, { profile: 'ses-v2' });
    expect(r.fixes.map((f) => f.code)).toEqual(['body.8bit']);
    expect(r.report.issues).toEqual([]);
    const [diffs] = await meaningDiffs([{ before: raw, after: Buffer.from(r.raw) }]);
    expect(diffs).toEqual([]);
  }, 120_000);
});
