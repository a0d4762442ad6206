import { describe, expect, test } from 'vitest';
import { validateWithStats } from '../src/validate.js';

// The reader has a fast path for ordinary body lines (CRLF, no bare CR, at most 998 octets, not a possible
// delimiter, run not full). Fed one byte at a time, every line goes through the general path instead, so the
// two must agree on every line shape at the edges of the fast path.

async function* bytewise(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i++) yield bytes.subarray(i, i + 1);
}

const HEAD =
  'From: a@example.com\r\nTo: b@example.org\r\nSubject: s\r\nMIME-Version: 1.0\r\n' +
  'Content-Type: multipart/mixed; boundary="b"\r\n\r\n';

function multipart(body: string, encoding = '7bit'): Buffer {
  return Buffer.from(
    `${HEAD}--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: ${encoding}\r\n\r\n` +
      `${body}--b--\r\n`,
    'latin1',
  );
}

function single(body: string): Buffer {
  return Buffer.from(`From: a@example.com\r\nTo: b@example.org\r\nSubject: s\r\n\r\n${body}`, 'latin1');
}

const line = (n: number) => `${'a'.repeat(n)}\r\n`;
const b64 = `${'QUJD'.repeat(19)}\r\n`;

const cases: { name: string; raw: Buffer }[] = [
  { name: 'plain lines', raw: multipart(line(76).repeat(20)) },
  { name: 'bare CR mid-line', raw: multipart(`${line(10)}ab\rcd\r\n${line(10)}`) },
  { name: 'bare CR before CRLF', raw: multipart(`${line(10)}abcd\r\r\n${line(10)}`) },
  { name: 'two bare CRs in a line', raw: multipart(`${line(10)}\ra\rb\r\n${line(10)}`) },
  { name: 'bare LF line', raw: multipart(`${line(10)}abc\n${line(10)}`) },
  { name: 'empty bare LF line', raw: multipart(`${line(10)}\n${line(10)}`) },
  { name: 'empty CRLF lines', raw: multipart(`${line(10)}\r\n\r\n${line(10)}`) },
  { name: '998, 999 and 1000 octets', raw: multipart(`${line(998)}${line(999)}${line(1000)}${line(5)}`) },
  {
    name: 'dash lines that are not delimiters',
    raw: multipart(`${line(5)}--\r\n--c\r\n-\r\n--b-\r\n--bx\r\n${line(5)}`),
  },
  { name: 'delimiter right after ordinary lines', raw: multipart(`${line(5)}${line(5)}`) },
  { name: 'runs over 64 KB', raw: multipart(line(76).repeat(2000)) },
  { name: 'runs over 64 KB, no multipart', raw: single(line(76).repeat(2000)) },
  { name: 'dash lines without multipart', raw: single(`${line(5)}--b\r\n--\r\n${line(5)}`) },
  { name: 'base64 body', raw: multipart(b64.repeat(50), 'base64') },
  {
    name: 'base64 body with a bad character late',
    raw: multipart(`${b64.repeat(40)}QU*D${b64.slice(4)}${b64.repeat(5)}`, 'base64'),
  },
  { name: 'base64 body with a bare CR', raw: multipart(`${b64.repeat(10)}QUJD\rQUJD\r\n${b64}`, 'base64') },
  { name: 'last line without line end', raw: single(`${line(5)}${line(5)}abc`) },
  { name: 'last line ends in CR', raw: single(`${line(5)}${line(5)}abc\r`) },
];

describe('body lines: fast path and general path agree', () => {
  test.each(cases)('$name', async ({ raw }) => {
    const whole = await validateWithStats(raw);
    const slow = await validateWithStats(bytewise(raw));
    expect(whole.report).toEqual(slow.report);
    for (const k of ['lines', 'crlfLines', 'bareLfLines', 'parts', 'headerFields', 'size'] as const)
      expect(whole.stats[k], k).toBe(slow.stats[k]);
  });

  test('line problems are found at the right lines', async () => {
    const { report } = await validateWithStats(
      multipart(`${line(10)}ab\rcd\r\n${line(999)}${line(10)}x\n${line(10)}`),
    );
    // Header section: 6 lines, the part's delimiter + 2 header lines + blank: 4, so the body starts at line 11.
    expect(report.issues.map((i) => [i.code, i.line])).toEqual([
      ['line.bare-newline', 12],
      ['line.too-long', 13],
      ['line.bare-newline', 15],
    ]);
  });
});
