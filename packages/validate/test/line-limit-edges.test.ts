/**
 * The reader's line limit (RFC 5322 §2.1.1: 998 octets without CRLF) beyond the length itself: which line and
 * which part an issue names, the last line of a message when it has no line end (streamed, checked only at the
 * end), a header line longer than the part of the header section the reader keeps, and the repair of long lines
 * (the repair's writing pass reads the message again with no line-problem handler). Oracles: exact positions
 * written out here, and postal-mime (Python's `email` in the test named after it) for the repaired message.
 */
import { describe, expect, test } from 'vitest';
import { repair, validate } from '../src/index.js';
import { meaningDiff, postalMeaning, pythonMeaning } from './repair/helpers/meaning.js';

async function* bytewise(bytes: Buffer): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i++) yield bytes.subarray(i, i + 1);
}

const HEAD = 'From: a@example.com\r\nTo: b@example.org\r\nSubject: s\r\nMIME-Version: 1.0\r\n';

/** The `line.*` issues of a message as [code, line, part], read whole and one byte at a time (both must agree). */
async function lineIssues(text: string): Promise<[string, number | undefined, string | undefined][]> {
  const raw = Buffer.from(text, 'latin1');
  const pick = (r: Awaited<ReturnType<typeof validate>>) =>
    r.issues
      .filter((i) => i.code.startsWith('line.'))
      .map((i): [string, number | undefined, string | undefined] => [i.code, i.line, i.part]);
  const whole = pick(await validate(raw, { profile: 'rfc5322' }));
  expect(pick(await validate(bytewise(raw), { profile: 'rfc5322' }))).toEqual(whole);
  return whole;
}

describe('the last line of a message without a line end', () => {
  const last = (tail: string) => `${HEAD}Content-Type: text/plain\r\n\r\nfirst\r\n${tail}`;

  test('999 octets is too long, 998 is not, with or without a CR at the very end', async () => {
    expect(await lineIssues(last('b'.repeat(998)))).toEqual([]);
    expect(await lineIssues(last('b'.repeat(999)))).toEqual([['line.too-long', 8, undefined]]);
    expect(await lineIssues(last(`${'b'.repeat(998)}\r`))).toEqual([
      ['line.bare-newline', 8, undefined],
      ['line.too-long', 8, undefined],
    ]);
  });

  test('a CR at the very end is a bare CR; a line without it has none', async () => {
    expect(await lineIssues(last('abc\r'))).toEqual([['line.bare-newline', 8, undefined]]);
    expect(await lineIssues(last('abc'))).toEqual([]);
    expect(await lineIssues(last('\r'))).toEqual([['line.bare-newline', 8, undefined]]);
  });
});

describe('issues name the part the long line is in', () => {
  const nested =
    `${HEAD}Content-Type: multipart/mixed; boundary="o"\r\n\r\n` +
    `--o\r\nContent-Type: text/plain\r\n\r\nshort\r\n` +
    `--o\r\nContent-Type: multipart/alternative; boundary="i"\r\n\r\n` +
    `--i\r\nContent-Type: text/plain\r\nX-Long: ${'h'.repeat(991)}\r\n\r\n${'b'.repeat(999)}\r\n` +
    `--i--\r\n--o--\r\n`;

  test('a header line and a body line of a nested part, and the top-level header', async () => {
    expect(await lineIssues(nested)).toEqual([
      ['line.too-long', 16, '2.1'],
      ['line.too-long', 18, '2.1'],
    ]);
    expect(await lineIssues(`${HEAD}X-Long: ${'h'.repeat(991)}\r\n\r\nbody\r\n`)).toEqual([
      ['line.too-long', 5, undefined],
    ]);
  });

  test("a long line in a multipart's epilogue belongs to the multipart, not to its last child", async () => {
    const epilogue =
      `${HEAD}Content-Type: multipart/mixed; boundary="o"\r\n\r\n` +
      `--o\r\nContent-Type: multipart/alternative; boundary="i"\r\n\r\n` +
      `--i\r\nContent-Type: text/plain\r\n\r\nshort\r\n--i--\r\n${'e'.repeat(999)}\r\n--o--\r\n${'f'.repeat(999)}\r\n`;
    expect(await lineIssues(epilogue)).toEqual([
      ['line.too-long', 15, '1'],
      ['line.too-long', 17, undefined],
    ]);
  });

  test('a long line right after a part header, at the end of a part without CRLF', async () => {
    const tail =
      `${HEAD}Content-Type: multipart/mixed; boundary="o"\r\n\r\n--o\r\nContent-Type: text/plain\r\n\r\n` +
      `${'b'.repeat(1000)}`;
    expect(await lineIssues(tail)).toEqual([['line.too-long', 10, '1']]);
  });
});

describe('a header line longer than the header section the reader keeps', () => {
  test('is reported with its whole length', async () => {
    // 2 MiB: the reader keeps the first 1 MiB + 1 of a header section and only counts the rest.
    const n = 2 * 1024 * 1024;
    const report = await validate(
      Buffer.from(`${HEAD}X-Long: ${'h'.repeat(n - 8)}\r\n\r\nbody\r\n`, 'latin1'),
      {
        profile: 'rfc5322',
      },
    );
    const long = report.issues.filter((i) => i.code === 'line.too-long');
    expect(long.map((i) => [i.line, /is (\d+) octets long/.exec(i.message)?.[1]])).toEqual([[5, String(n)]]);
  });
});

describe('repairing long lines', () => {
  const messages = [
    `${HEAD}Content-Type: text/plain; charset=utf-8\r\n\r\nfirst\r\n${'word '.repeat(200)}\r\nlast\r\n`,
    `${HEAD}Content-Type: text/plain; charset=utf-8\r\n\r\nfirst\r\n${'b'.repeat(1200)}`,
  ].map((m) => Buffer.from(m, 'latin1'));

  /** Repairs a message with long lines: fixed, no line issue left, no line over 998 octets. */
  async function repaired(raw: Buffer): Promise<Buffer> {
    const before = await validate(raw, { profile: 'rfc5322' });
    expect(before.issues.map((i) => i.code)).toContain('line.too-long');
    const r = await repair(raw, { profile: 'rfc5322' });
    expect(r.changed).toBe(true);
    expect(r.fixes.map((f) => f.code)).toContain('line.too-long');
    expect(r.report.issues.filter((i) => i.code.startsWith('line.'))).toEqual([]);
    const out = Buffer.from(r.raw);
    for (const line of out.toString('latin1').split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
    return out;
  }

  test.each(messages.map((raw, k) => [k, raw]))(
    'text %i: postal-mime reads the same text',
    async (_, raw) => {
      const fixed = await repaired(raw);
      expect(meaningDiff(await postalMeaning(raw), await postalMeaning(fixed), 'postal-mime')).toEqual([]);
    },
  );

  test('bytes whose last line has no line end: base64 of exactly the same bytes', async () => {
    const body = Buffer.from(`${'b'.repeat(998)}\r\n${'c'.repeat(999)}`, 'latin1');
    const raw = Buffer.concat([Buffer.from(`${HEAD}Content-Type: application/octet-stream\r\n\r\n`), body]);
    const fixed = (await repaired(raw)).toString('latin1');
    const split = fixed.indexOf('\r\n\r\n');
    expect(fixed.slice(0, split)).toContain('Content-Transfer-Encoding: base64');
    expect(Buffer.from(fixed.slice(split + 4), 'base64').equals(body)).toBe(true);
  });

  test('Python reads the repaired messages as it reads the originals', async () => {
    const fixed = await Promise.all(messages.map(repaired));
    const [before, after] = [pythonMeaning(messages), pythonMeaning(fixed)];
    expect(after.length).toBe(messages.length);
    for (let k = 0; k < messages.length; k++)
      expect(meaningDiff(before[k]!, after[k]!, 'Python'), String(k)).toEqual([]);
  });
});
