import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { rulesByCode, type ValidationReport } from '../src/index.js';
import { validateWithStats } from '../src/validate.js';
import { ruleFixtures, validFixtures } from './helpers/fixtures.js';
import { buildWithNodemailer, typicalNodemailerOptions } from './helpers/nodemailer.js';

/** Bytes that matter to MIME parsers, to splice into messages. */
const TOKENS = [
  '\r\n',
  '\n',
  '\r',
  '\r\n\r\n',
  '--',
  '=?',
  '?=',
  '=?UTF-8?B?',
  ':',
  ' ',
  '\t',
  '"',
  '<',
  '>',
  '@',
  ',',
  ';',
  '(',
  ')',
  '\\',
  '=',
  '\x00',
  '\x80',
  '\xff',
  'Content-Type: multipart/mixed; boundary=x\r\n',
  '--x\r\n',
  '--x--\r\n',
  'Content-Transfer-Encoding: base64\r\n',
].map((t) => Buffer.from(t, 'latin1'));

const mutation = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    token: fc.integer({ min: 0, max: TOKENS.length - 1 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
);

function mutate(
  raw: Buffer,
  ops: Array<{ kind: string; at: number; token?: number; len?: number; byte?: number }>,
): Buffer {
  let b = raw;
  for (const op of ops) {
    const at = b.length === 0 ? 0 : op.at % b.length;
    if (op.kind === 'insert') b = Buffer.concat([b.subarray(0, at), TOKENS[op.token ?? 0]!, b.subarray(at)]);
    else if (op.kind === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(at + (op.len ?? 1))]);
    else if (b.length > 0) {
      b = Buffer.from(b);
      b[at] = op.byte ?? 0;
    }
  }
  return b;
}

const seeds = [...ruleFixtures(), ...validFixtures()].map((f) => f.raw);

/**
 * What any report must satisfy, whatever the bytes: the size is the input's, every issue is a catalogued rule at
 * the catalogue's severity (the default profile overrides none), `ok` is exactly "no error", and messages carry
 * no raw control character (they are escaped).
 */
function expectConsistent(report: ValidationReport, size: number): void {
  expect(report.size).toBe(size);
  for (const issue of report.issues) {
    expect(issue.severity, issue.code).toBe(rulesByCode.get(issue.code)?.severity);
    expect(issue.message.length).toBeGreaterThan(0);
    expect(issue.message).not.toMatch(/[\x00-\x08\x0a-\x1f\x7f-\x9f]/);
  }
  expect(report.ok).toBe(!report.issues.some((i) => i.severity === 'error'));
}

describe('validate never throws and never hangs on message bytes', () => {
  test('arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        const { report, stats } = await validateWithStats(bytes);
        expectConsistent(report, bytes.length);
        // No header section can be read from arbitrary bytes without a From: never a clean report.
        if (!Buffer.from(bytes).toString('latin1').toLowerCase().includes('from:'))
          expect(report.issues.map((i) => i.code)).toContain('header.from-missing');
        expect(stats.lines).toBeLessThanOrEqual(bytes.length + 1);
      }),
      { numRuns: 400 },
    );
  });

  test('arbitrary strings, including astral and control characters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 500 }), async (s) => {
        const { report } = await validateWithStats(s);
        expectConsistent(report, Buffer.byteLength(s));
      }),
      { numRuns: 300 },
    );
  });

  test('mutated real messages', async () => {
    const nm = await buildWithNodemailer(typicalNodemailerOptions());
    const all = [...seeds, nm];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: all.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 8 }),
        async (i, ops) => {
          const raw = mutate(all[i]!, ops);
          const { report, stats } = await validateWithStats(raw);
          expectConsistent(report, raw.length);
          expect(stats.lines).toBeLessThanOrEqual(raw.length + 1);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('flipping one byte of a valid message into CR, LF or 0x80 is detected', () => {
  test.each([
    ['CR', 0x0d],
    ['LF', 0x0a],
    ['0x80', 0x80],
  ])('%s', async (_name, byte) => {
    const nm = await buildWithNodemailer(typicalNodemailerOptions());
    const valid = [
      ...validFixtures()
        .filter((f) => f.options === undefined)
        .map((f) => f.raw),
      nm,
    ];
    for (const v of valid) expect((await validateWithStats(v)).report.issues).toEqual([]);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: valid.length - 1 }), fc.nat(), async (i, at) => {
        const raw = Buffer.from(valid[i]!);
        const pos = at % raw.length;
        fc.pre(raw[pos] !== byte);
        raw[pos] = byte;
        const { report } = await validateWithStats(raw);
        expect(report.issues.length, `flip at ${pos} of message ${i}`).toBeGreaterThan(0);
      }),
      { numRuns: 600 },
    );
  });
});
