import fc from 'fast-check';
import { expect, test } from 'vitest';
import { Base64Checker } from '../../src/mime/base64-checker.js';

/** Reference: strict RFC 4648 base64 once line breaks are removed (written independently, by regex). */
function referenceValid(text: string): boolean {
  const data = text.replace(/\r\n|\r|\n/g, '');
  return /^[A-Za-z0-9+/]*={0,2}$/.test(data) && data.length % 4 === 0;
}

function check(text: string, cuts: number[]): boolean {
  const c = new Base64Checker();
  const points = [...new Set(cuts.map((x) => x % (text.length + 1)))].sort((a, b) => a - b);
  let last = 0;
  for (const p of [...points, text.length]) {
    const run = text.slice(last, p);
    const crlf = run.length - run.replace(/[\r\n]/g, '').length;
    if (c.feed(run, crlf) !== -1) return false;
    last = p;
  }
  return c.finish() === undefined && c.error === undefined;
}

const chars = fc.constantFrom(...'ABCxyz019+/=\r\n-_ *\x00\xff'.split(''));

test('agrees with a regex reference on arbitrary text and chunkings', () => {
  fc.assert(
    fc.property(fc.array(chars, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 5 }), (cs, cuts) => {
      const text = cs.join('');
      expect(check(text, cuts)).toBe(referenceValid(text));
    }),
    { numRuns: 5000 },
  );
});

test('accepts real base64 of random bytes in any chunking', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(), { maxLength: 6 }), (bytes, cuts) => {
      const text = Buffer.from(bytes).toString('base64').replace(/.{76}/g, '$&\r\n');
      expect(check(text, cuts)).toBe(true);
    }),
    { numRuns: 1000 },
  );
});

test('one bad character anywhere in real base64 is found', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ minLength: 1, maxLength: 300 }),
      fc.nat(),
      fc.constantFrom('-', '_', ' ', '*', '\x00', '\xff', '.', '!'),
      fc.array(fc.nat(), { maxLength: 6 }),
      (bytes, at, bad, cuts) => {
        const good = Buffer.from(bytes).toString('base64');
        const pos = at % good.length;
        const text = good.slice(0, pos) + bad + good.slice(pos + 1);
        expect(check(text, cuts)).toBe(false);
      },
    ),
    { numRuns: 2000 },
  );
});

/** The line of the first issue the checker reports (from `feed` or `finish`), fed in the given runs. */
function reportedLine(text: string, cuts: number[]): number | undefined {
  const c = new Base64Checker();
  const points = [...new Set(cuts.map((x) => x % (text.length + 1)))].sort((a, b) => a - b);
  let last = 0;
  let line = 1;
  for (const p of [...points, text.length]) {
    const run = text.slice(last, p);
    const crlf = run.length - run.replace(/[\r\n]/g, '').length;
    const at = c.feed(run, crlf, line);
    if (at !== -1) return at;
    line += run.split('\n').length - 1;
    last = p;
  }
  c.finish();
  return c.errorLine;
}

test('the line of one bad character is its own line, whatever the runs and line lengths', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ minLength: 1, maxLength: 400 }),
      fc.integer({ min: 1, max: 80 }),
      fc.nat(),
      fc.constantFrom('-', '_', ' ', '*', '\x00', '\xff', '.', '!'),
      fc.array(fc.nat(), { maxLength: 6 }),
      (bytes, width, at, bad, cuts) => {
        // Any line width, also widths that are not a multiple of 4 (quanta then straddle line breaks).
        const good = Buffer.from(bytes).toString('base64').replace(/=+$/, '');
        const pos = at % good.length;
        const chars = good.slice(0, pos) + bad + good.slice(pos + 1);
        const lines = chars.match(new RegExp(`.{1,${width}}`, 'gs')) ?? [];
        const text = `${lines.join('\r\n')}\r\n`;
        const expected = Math.floor(pos / width) + 1;
        expect(reportedLine(text, [])).toBe(expected);
        expect(reportedLine(text, cuts)).toBe(expected);
      },
    ),
    { numRuns: 3000 },
  );
});
