import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ValidateError, ValidateOptionsError, validate } from '../src/index.js';
import { crlf, nested, plain, ruleFixtures, validFixtures } from './helpers/fixtures.js';
import { buildWithNodemailer, typicalNodemailerOptions } from './helpers/nodemailer.js';

async function* chunked(bytes: Uint8Array, cuts: number[]): AsyncGenerator<Uint8Array> {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  let last = 0;
  for (const p of points) {
    yield bytes.subarray(last, p);
    last = p;
  }
  yield bytes.subarray(last);
}

async function* bytewise(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i++) yield bytes.subarray(i, i + 1);
}

const corpus: { name: string; raw: Buffer; options?: object }[] = [
  ...ruleFixtures().map((f) => ({ name: f.name, raw: f.raw, options: f.options })),
  ...validFixtures().map((f) => ({ name: f.name, raw: f.raw, options: f.options })),
  { name: 'nested 17', raw: nested(17) },
  { name: 'long line', raw: plain(`${'a'.repeat(3000)}\r\n--x\r\n`) },
  { name: 'bare CR at chunk edges', raw: plain('a\rb\r\r\nc\r') },
  {
    name: 'huge header line',
    raw: crlf(`From: a@example.com\nTo: b@example.org\nX-Big: ${'y'.repeat(1_100_000)}\n\nbody\n`),
  },
];

describe('the report does not depend on how the bytes are chunked', () => {
  test('every fixture of the corpus, random chunkings (fast-check)', async () => {
    const whole = await Promise.all(corpus.map((c) => validate(c.raw, c.options)));
    // Each run cuts every message of the corpus at the same random points (taken modulo its length), a few
    // cuts or many (down to runs of a few bytes), so each fixture is checked in many chunkings.
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.array(fc.nat(), { maxLength: 12 }), fc.array(fc.nat({ max: 4000 }), { maxLength: 400 })),
        async (cuts) => {
          for (const [i, c] of corpus.entries()) {
            const report = await validate(chunked(c.raw, cuts), c.options);
            expect(report, c.name).toEqual(whole[i]);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  test('one byte at a time', async () => {
    for (const c of corpus.filter((x) => x.raw.length < 5000)) {
      expect(await validate(bytewise(c.raw), c.options), c.name).toEqual(await validate(c.raw, c.options));
    }
  });

  test('a nodemailer message in every chunking around its boundaries', async () => {
    const raw = await buildWithNodemailer(typicalNodemailerOptions());
    const whole = await validate(raw);
    expect(whole.issues).toEqual([]);
    const text = raw.toString('latin1');
    const cuts: number[] = [];
    for (let p = text.indexOf('\r\n--'); p !== -1; p = text.indexOf('\r\n--', p + 1))
      cuts.push(p, p + 1, p + 2, p + 3, p + 5);
    for (const cut of cuts) expect(await validate(chunked(raw, [cut]))).toEqual(whole);
  });
});

describe('inputs', () => {
  test('Uint8Array, Buffer, string, Readable and AsyncIterable give the same report', async () => {
    const raw = plain();
    const expected = await validate(raw);
    expect(await validate(new Uint8Array(raw))).toEqual(expected);
    expect(await validate(raw.toString('latin1'))).toEqual(expected);
    expect(await validate(Readable.from([raw.subarray(0, 10), raw.subarray(10)]))).toEqual(expected);
    expect(await validate(chunked(raw, [3, 50]))).toEqual(expected);
  });

  test('a string is measured as UTF-8', async () => {
    const report = await validate('From: a@example.com\r\nTo: b@example.org\r\n\r\nGrüße\r\n');
    expect(report.size).toBe(Buffer.byteLength('From: a@example.com\r\nTo: b@example.org\r\n\r\nGrüße\r\n'));
    expect(report.issues.map((i) => i.code)).toContain('body.8bit');
  });

  test('an empty message is a report, not an exception', async () => {
    const report = await validate('');
    expect(report.ok).toBe(false);
    expect(report.size).toBe(0);
    expect(report.issues.map((i) => i.code).sort()).toEqual([
      'header.from-missing',
      'header.to-missing',
      'recipients.none',
    ]);
  });

  test('a failing stream throws ValidateError validate.read-failed', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('From: a@example.com\r\n');
      throw new Error('disk on fire');
    }
    await expect(validate(failing())).rejects.toMatchObject({
      name: 'ValidateError',
      code: 'validate.read-failed',
      message: expect.stringContaining('disk on fire'),
    });
    await expect(validate(failing())).rejects.toBeInstanceOf(ValidateError);
  });

  test('a stream of non-bytes is a read error', async () => {
    await expect(validate(Readable.from([{ a: 1 }]) as unknown as Readable)).rejects.toMatchObject({
      code: 'validate.read-failed',
    });
  });

  test.each([[42], [null], [undefined], [{}], [[1, 2]]])(
    'message %j is refused with a typed error',
    async (m) => {
      await expect(validate(m as unknown as string)).rejects.toBeInstanceOf(ValidateOptionsError);
      await expect(validate(m as unknown as string)).rejects.toMatchObject({ code: 'validate.message-type' });
    },
  );
});
