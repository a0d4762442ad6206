import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MessageReader } from '../src/reader/message-reader.js';

/** Everything the reader hands on (body runs and raw lines), concatenated in order. */
function replay(chunks: Buffer[]): Buffer {
  const out: Buffer[] = [];
  const reader = new MessageReader({
    body: (_p, _k, bytes) => out.push(Buffer.from(bytes)),
    rawLine: (bytes) => out.push(Buffer.from(bytes)),
  });
  for (const c of chunks) reader.push(c);
  reader.end();
  return Buffer.concat(out);
}

const piece = fc.constantFrom(
  'From: a@example.com\r\n',
  'Subject: x\n',
  ' folded\r\n',
  'Content-Type: multipart/mixed; boundary=b\r\n',
  'Content-Type: multipart/alternative; boundary="c"\n',
  '\r\n',
  '\n',
  '--b\r\n',
  '--b--\r\n',
  '--c\n',
  '--c--',
  '--b  \r\n',
  'body text\r\n',
  'Grüße\r',
  ':no name\r\n',
  'not a header\r\n',
  `${'x'.repeat(1500)}\r\n`,
  '-',
  '\r',
);

describe('raw lines and body runs cover every byte', () => {
  test('any message, any chunking', () => {
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 20 }),
        (pieces, cuts) => {
          const raw = Buffer.from(pieces.join(''), 'utf8');
          const chunks: Buffer[] = [];
          let at = 0;
          for (const c of cuts) {
            if (at >= raw.length) break;
            chunks.push(raw.subarray(at, at + c));
            at += c;
          }
          if (at < raw.length) chunks.push(raw.subarray(at));
          expect(replay(chunks).equals(raw)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('delimiter lines name their multipart', () => {
    const seen: string[] = [];
    const reader = new MessageReader({
      rawLine: (bytes, kind, part) => {
        if (kind === 'delimiter') seen.push(`${bytes.toString('latin1').trim()} ${part.path || 'top'}`);
      },
    });
    reader.push(
      Buffer.from(
        'Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: multipart/alternative; boundary=c\r\n\r\n--c\r\n\r\nx\r\n--c--\r\n--b--\r\n',
      ),
    );
    reader.end();
    expect(seen).toEqual(['--b top', '--c 1', '--c-- 1', '--b-- top']);
  });
});
