/**
 * RFC 5322 §2.1.1 at its exact edge: a line of MAX_LINE_OCTETS (998) octets without its CRLF passes, one of 999
 * is `line.too-long` — for header lines and body lines, whole or split across chunks at every awkward place
 * (the reader has a fast path, a general path and a streamed path for lines that span chunks).
 */
import { describe, expect, test } from 'vitest';
import { validate } from '../src/index.js';

// RFC 5322 §2.1.1, written out rather than imported: a change to the library's limit must fail these tests.
const MAX_LINE_OCTETS = 998;

type Chunking = { name: string; chunks: (raw: Buffer) => AsyncIterable<Uint8Array> | Buffer };

async function* pieces(raw: Buffer, cuts: number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (const c of [...cuts.filter((c) => c > 0 && c < raw.length).sort((a, b) => a - b), raw.length]) {
    yield raw.subarray(at, c);
    at = c;
  }
}

/** Cut points around the long line: just before/after its start, inside it, at its last octet, at its CR and LF. */
function chunkings(lineStart: number, lineLen: number): Chunking[] {
  const end = lineStart + lineLen;
  return [
    { name: 'whole', chunks: (raw) => raw },
    {
      name: 'one byte at a time',
      chunks: (raw) =>
        pieces(
          raw,
          Array.from({ length: raw.length }, (_, i) => i),
        ),
    },
    { name: 'cut at the line start', chunks: (raw) => pieces(raw, [lineStart]) },
    { name: 'cut in the middle', chunks: (raw) => pieces(raw, [lineStart + 500]) },
    { name: 'cut before the last octet', chunks: (raw) => pieces(raw, [end - 1]) },
    { name: 'cut between the line and its CR', chunks: (raw) => pieces(raw, [end]) },
    { name: 'cut between CR and LF', chunks: (raw) => pieces(raw, [end + 1]) },
    {
      name: 'cut every 7 octets',
      chunks: (raw) =>
        pieces(
          raw,
          Array.from({ length: raw.length / 7 }, (_, i) => i * 7),
        ),
    },
  ];
}

const HEAD = 'From: a@example.com\r\nTo: b@example.org\r\nSubject: s\r\nMIME-Version: 1.0\r\n';

/** Issues of one code as [line, length in the message] pairs. */
async function tooLong(input: AsyncIterable<Uint8Array> | Buffer): Promise<[number | undefined, string][]> {
  const report = await validate(input, { profile: 'rfc5322' });
  return report.issues
    .filter((i) => i.code === 'line.too-long')
    .map((i) => [i.line, /is (\d+) octets long/.exec(i.message)?.[1] ?? i.message]);
}

describe(`body lines: ${MAX_LINE_OCTETS} octets pass, ${MAX_LINE_OCTETS + 1} are too long`, () => {
  const single = (n: number) =>
    `${HEAD}Content-Type: text/plain\r\n\r\nfirst\r\n${'b'.repeat(n)}\r\nlast\r\n`;
  const multi = (n: number) =>
    `${HEAD}Content-Type: multipart/mixed; boundary="q"\r\n\r\n--q\r\nContent-Type: text/plain\r\n\r\n` +
    `${'b'.repeat(n)}\r\n--q--\r\n`;
  const unterminated = (n: number) => `${HEAD}Content-Type: text/plain\r\n\r\nfirst\r\n${'b'.repeat(n)}`;
  const shapes = [
    { shape: 'single part', build: single, line: 8 },
    { shape: 'inside a multipart', build: multi, line: 10 },
    { shape: 'last line without CRLF', build: unterminated, line: 8 },
  ];
  for (const { shape, build, line } of shapes) {
    for (const n of [MAX_LINE_OCTETS, MAX_LINE_OCTETS + 1]) {
      const raw = Buffer.from(build(n), 'latin1');
      const start = raw.indexOf('b'.repeat(n));
      test.each(chunkings(start, n))(`${shape}, ${n} octets, $name`, async ({ chunks }) => {
        expect(await tooLong(chunks(raw))).toEqual(n > MAX_LINE_OCTETS ? [[line, String(n)]] : []);
      });
    }
  }
});

describe(`header lines: ${MAX_LINE_OCTETS} octets pass, ${MAX_LINE_OCTETS + 1} are too long`, () => {
  // `X-Long: ` is 8 octets; the value fills the rest of the line.
  const first = (n: number) => `${HEAD}X-Long: ${'h'.repeat(n - 8)}\r\n\r\nbody\r\n`;
  // A folded field: the continuation line is the long one (WSP + value).
  const folded = (n: number) => `${HEAD}X-Long: a\r\n ${'h'.repeat(n - 1)}\r\n\r\nbody\r\n`;
  for (const { shape, build, line } of [
    { shape: 'a field line', build: first, line: 5 },
    { shape: 'a continuation line', build: folded, line: 6 },
  ]) {
    for (const n of [MAX_LINE_OCTETS, MAX_LINE_OCTETS + 1]) {
      const raw = Buffer.from(build(n), 'latin1');
      const start = raw.lastIndexOf('\r\n', raw.indexOf('h'.repeat(40))) + 2;
      test.each(chunkings(start, n))(`${shape}, ${n} octets, $name`, async ({ chunks }) => {
        expect(await tooLong(chunks(raw))).toEqual(n > MAX_LINE_OCTETS ? [[line, String(n)]] : []);
      });
    }
  }
});
