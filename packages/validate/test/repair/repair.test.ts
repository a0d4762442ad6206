import { describe, expect, test } from 'vitest';
import { repair, validate } from '../../src/index.js';
import { REPAIRABLE_CODES } from '../../src/repair/repair.js';
import { plain } from '../helpers/fixtures.js';
import { brokenCorpus } from './helpers/corpus.js';
import { repairFixtures } from './helpers/fixtures.js';
import { meaningDiffs, pythonMeaning } from './helpers/meaning.js';

const fixtures = repairFixtures();
const variants = fixtures.flatMap((f) => [
  { name: `${f.name} (CRLF)`, code: f.code, raw: f.raw },
  { name: `${f.name} (bare LF)`, code: f.code, raw: f.lf },
]);

describe('every fixable row of the Repair table', () => {
  test.each(variants)('$name: fixed, nothing fixable left, idempotent', async ({ code, raw }) => {
    const before = await validate(raw);
    expect(before.issues.map((i) => i.code)).toContain(code);
    const r = await repair(raw);
    expect(r.changed).toBe(true);
    expect(r.fixes.map((f) => f.code)).toContain(code);
    expect(r.report.issues.filter((i) => REPAIRABLE_CODES.has(i.code))).toEqual([]);
    expect(r.report.ok).toBe(true);
    const again = await repair(r.raw);
    expect(again.changed).toBe(false);
    expect(again.fixes).toEqual([]);
    expect(Buffer.from(again.raw).equals(Buffer.from(r.raw))).toBe(true);
  });

  test('meaning is kept: Python email and postal-mime decode the same from input and output', async () => {
    const pairs: { before: Buffer; after: Buffer }[] = [];
    for (const v of variants) pairs.push({ before: v.raw, after: Buffer.from((await repair(v.raw)).raw) });
    const diffs = await meaningDiffs(pairs);
    const failures = variants
      .map((v, i) => ({
        name: v.name,
        // Python's email package does not decode a base64 or quoted-printable message/rfc822 body at all (the
        // encodings RFC 2046 §5.2.1 forbids, which is why they are fixed): it shows the encoded text, so it has no
        // meaning to keep there.
        // postal-mime decodes it and must see the same; Python must see the embedded text after the repair.
        diffs: (diffs[i] as string[]).filter(
          (d) => !(v.name.startsWith('mime.encoding-unknown--rfc822') && d.startsWith('python email leaves')),
        ),
      }))
      .filter((d) => d.diffs.length > 0);
    expect(failures).toEqual([]);
    const rfc822 = variants.flatMap((v, i) =>
      v.name.startsWith('mime.encoding-unknown--rfc822') ? [i] : [],
    );
    expect(rfc822.length).toBe(4); // base64 and quoted-printable, CRLF and bare LF
    for (const after of pythonMeaning(rfc822.map((i) => pairs[i]?.after as Buffer)))
      expect(after?.leaves.map((l) => l.text?.split('\n')[0])).toContain('Grüße aus München.');
  });
});

describe('the generated corpus (nodemailer and mimetext output for awkward inputs)', () => {
  test('repaired to zero fixable errors, meaning kept, idempotent', async () => {
    const corpus = await brokenCorpus();
    const pairs = [];
    for (const m of corpus) {
      const r = await repair(m.raw);
      const fixable = r.report.issues.filter((i) => i.severity === 'error' && REPAIRABLE_CODES.has(i.code));
      expect({ name: m.name, fixable }).toEqual({ name: m.name, fixable: [] });
      expect((await repair(r.raw)).changed, m.name).toBe(false);
      pairs.push({ before: m.raw, after: Buffer.from(r.raw) });
    }
    const diffs = await meaningDiffs(pairs);
    const failures = corpus
      .map((m, i) => ({ name: m.name, diffs: diffs[i] as string[] }))
      .filter((d) => d.diffs.length > 0);
    expect(failures).toEqual([]);
  });
});

describe('minimal', () => {
  test('a message that validates clean is returned as it is', async () => {
    const raw = plain();
    const r = await repair(raw);
    expect(r.changed).toBe(false);
    expect(r.raw).toBe(raw);
    expect(r.fixes).toEqual([]);
    expect(r.report.ok).toBe(true);
  });

  test('untouched fields and parts come out byte-identical', async () => {
    const attachment =
      'Content-Type: application/pdf; name="a.pdf"\r\nContent-Disposition: attachment; filename="a.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n';
    const raw = Buffer.from(
      'From: Alice <alice@example.com>\r\nTo: Bob <bob@example.org>\r\nSubject: Grüße\r\nDate: Fri, 27 Nov 2026 12:00:00 +0000\r\nMessage-ID: <1@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n' +
        `--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHallo München\r\n--b\r\n${attachment}--b--\r\n`,
      'utf8',
    );
    const r = await repair(raw);
    const out = Buffer.from(r.raw).toString('latin1');
    expect(r.changed).toBe(true);
    for (const kept of [
      'From: Alice <alice@example.com>\r\nTo: Bob <bob@example.org>\r\n',
      'Date: Fri, 27 Nov 2026 12:00:00 +0000\r\nMessage-ID: <1@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n',
      `--b\r\n${attachment}--b--\r\n`,
    ])
      expect(out).toContain(kept);
    expect(r.fixes.map((f) => f.code).sort()).toEqual(['body.8bit', 'header.non-ascii']);
  });
});
