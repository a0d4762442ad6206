import { describe, expect, test } from 'vitest';
import { rules, validate } from '../src/index.js';
import {
  crlf,
  generatedRuleCases,
  generatedValidCases,
  ruleFixtures,
  validFixtures,
} from './helpers/fixtures.js';

const fixtures = ruleFixtures();
const generated = generatedRuleCases();

describe('every rule has a triggering fixture', () => {
  test.each(rules.map((r) => r.code))('%s', (code) => {
    const has = fixtures.some((f) => f.code === code) || generated.some((g) => g.code === code);
    expect(has, `add test/fixtures/rules/${code}.eml`).toBe(true);
  });
});

describe('rule fixtures trigger their rule', () => {
  test.each(fixtures.map((f) => [f.name, f] as const))('%s', async (_name, f) => {
    const report = await validate(f.raw, f.options);
    const hits = report.issues.filter((i) => i.code === f.code);
    expect(hits.length, JSON.stringify(report.issues, null, 1)).toBeGreaterThan(0);
    const rule = rules.find((r) => r.code === f.code);
    for (const hit of hits) {
      expect(hit.severity).toBe(rule?.severity);
      expect(hit.message.length).toBeGreaterThan(20);
      expect(hit.hint).toBeTruthy();
    }
    if (rule?.severity === 'error') expect(report.ok).toBe(false);
  });
  test.each(generated.map((g) => [g.name, g] as const))('%s', async (_name, g) => {
    const report = await validate(g.raw, g.options);
    expect(report.issues.map((i) => i.code)).toContain(g.code);
  });
});

describe('LF variants: fixtures saved with bare LF line endings still trigger their rule', () => {
  test.each(fixtures.map((f) => [f.name, f] as const))('%s', async (_name, f) => {
    const lf = Buffer.from(f.raw.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
    const codes = (await validate(lf, f.options)).issues.map((i) => i.code);
    expect(codes).toContain(f.code);
    expect(codes).toContain('line.bare-newline');
  });
  test.each(validFixtures().map((f) => [f.name, f] as const))(
    'near miss %s: only the line-ending warning',
    async (_name, f) => {
      const lf = Buffer.from(f.raw.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
      const report = await validate(lf, f.options);
      expect(report.issues.map((i) => i.code)).toEqual(['line.bare-newline']);
      expect(report.ok).toBe(true);
    },
  );
});

describe('near misses raise no issue', () => {
  test.each(validFixtures().map((f) => [f.name, f] as const))('%s', async (_name, f) => {
    const report = await validate(f.raw, f.options);
    expect(report.issues).toEqual([]);
    expect(report.ok).toBe(true);
  });
  test.each(generatedValidCases().map((g) => [g.name, g] as const))('%s', async (_name, g) => {
    const report = await validate(g.raw, g.options);
    expect(report.issues).toEqual([]);
  });
});

describe('messages name the place and quote SES', () => {
  test('a bad base64 character is reported on its own line (line lengths not a multiple of 4)', async () => {
    const f = fixtures.find((x) => x.name === 'mime.base64-invalid--line');
    const report = await validate(f!.raw);
    expect(report.issues).toEqual([
      expect.objectContaining({
        code: 'mime.base64-invalid',
        line: 41,
        message: expect.stringContaining("'!'"),
      }),
    ]);
  });
  test('duplicate header quotes the SES text with header and line', async () => {
    const f = fixtures.find((x) => x.name === 'header.duplicate');
    const report = await validate(f!.raw);
    expect(report.issues).toEqual([
      expect.objectContaining({
        code: 'header.duplicate',
        header: 'Subject',
        line: 7,
        message: expect.stringContaining("Duplicate header 'Subject'."),
      }),
    ]);
  });
  test('duplicate header inside a part names the part', async () => {
    const f = fixtures.find((x) => x.name === 'header.duplicate--part');
    const report = await validate(f!.raw);
    expect(report.issues).toEqual([
      expect.objectContaining({ code: 'header.duplicate', part: '1', header: 'Content-Type' }),
    ]);
  });
  test('too many recipients quotes SES and counts', async () => {
    const g = generated.find((x) => x.code === 'recipients.too-many');
    const report = await validate(g!.raw);
    expect(report.recipients.count).toBe(51);
    const issue = report.issues.find((i) => i.code === 'recipients.too-many');
    expect(issue?.message).toContain('Recipient count exceeds 50.');
  });
  test('a non-ASCII domain gets its Punycode form as hint', async () => {
    const f = fixtures.find((x) => x.name === 'address.domain-non-ascii');
    const report = await validate(f!.raw);
    const issue = report.issues.find((i) => i.code === 'address.domain-non-ascii');
    expect(issue?.hint).toContain('xn--mnchen-3ya.example');
    expect(issue?.header).toBe('To');
  });
  test('the blocked attachment names the decoded file and its part', async () => {
    const f = fixtures.find((x) => x.name === 'attachment.blocked-type--rfc2231');
    const report = await validate(f!.raw);
    expect(report.issues).toEqual([
      expect.objectContaining({
        code: 'attachment.blocked-type',
        part: '2',
        message: expect.stringContaining("'Rechnungü.JS'"),
      }),
    ]);
  });
  test('a file name whose .exe is in RFC 2231 section 10,000 or later is refused, never read cut short', async () => {
    // Section numbers of five digits used to make a parameter of their own: the name ended before `.exe`,
    // and the message passed.
    for (const [last, code] of [
      [9_999, 'attachment.blocked-type'],
      [10_000, 'mime.params-malformed'],
      [10_001, 'mime.params-malformed'],
    ] as const) {
      const sections = Array.from(
        { length: last + 1 },
        (_, i) => `filename*${i}=${i === last ? '.exe' : 'a'}`,
      );
      const raw = crlf(
        'From: a@example.com\nTo: b@example.org\nSubject: x\nMIME-Version: 1.0\n' +
          'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: application/octet-stream\n' +
          `Content-Transfer-Encoding: base64\nContent-Disposition: attachment; ${sections.join(';\n ')}\n\nQUJD\n--b--\n`,
      );
      const report = await validate(raw, { profile: 'ses-v2' });
      expect(report.issues.map((i) => [i.severity, i.code, i.part])).toEqual([['error', code, '1']]);
    }
  });
  test('line too long says where and how long', async () => {
    const report = await validate(crlf(`From: a@example.com\nTo: b@example.org\n\n${'x'.repeat(1200)}\n`));
    expect(report.issues).toEqual([
      expect.objectContaining({
        code: 'line.too-long',
        line: 4,
        message: expect.stringContaining('1200 octets'),
      }),
    ]);
  });
  test('base64 errors give the line', async () => {
    const f = fixtures.find((x) => x.name === 'mime.base64-invalid');
    const report = await validate(f!.raw);
    expect(report.issues).toEqual([expect.objectContaining({ code: 'mime.base64-invalid', line: 10 })]);
  });
});
