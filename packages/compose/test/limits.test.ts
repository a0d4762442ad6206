/**
 * RFC 5322 §2.1.1 at its exact edge: a body line of MAX_LINE_OCTETS (998) octets may go as 7bit, one of 999 may
 * not; a header line may be 998 octets long, never 999. Every encoder path is covered (short UTF-8 text, text
 * longer than the scratch buffer, a non-UTF-8 charset) and the result is read back by Python's `email` and
 * checked by the validator.
 */
import * as mime from '@rawmail/mime';
import { validate } from '@rawmail/validate';
import { describe, expect, test } from 'vitest';
import { HeaderWriter } from '../src/header-writer.js';
import { ComposeError, type ComposeInput, compose } from '../src/index.js';
import { crlfLines, headerSections, unfold } from './helpers/inspect.js';
import { pythonParse } from './helpers/oracles.js';

// RFC 5322 §2.1.1, written out rather than imported: a change to the library's limit must fail these tests.
const MAX_LINE_OCTETS = 998;

test('the library uses the RFC limit', () => {
  expect(mime.MAX_LINE_OCTETS).toBe(MAX_LINE_OCTETS);
});

const base: ComposeInput = { from: 'sender@example.com', to: 'rcpt@example.com', subject: 's' };

const cte = (raw: Uint8Array) =>
  headerSections(raw)
    .flatMap((s) => unfold(s))
    .filter((h) => /^content-transfer-encoding:/i.test(h))
    .map((h) => h.slice(27).trim());

const longest = (raw: Uint8Array) => Math.max(...crlfLines(raw).map((l) => l.length));

describe(`body lines: ${MAX_LINE_OCTETS} octets go as 7bit, ${MAX_LINE_OCTETS + 1} are encoded`, () => {
  const filler = `${'f'.repeat(70)}\n`.repeat(1000); // > 64 K characters: the scratch-buffer path is skipped
  const paths: { name: string; body: (line: string) => string; charset?: string }[] = [
    { name: 'short UTF-8 text', body: (line) => `first\n${line}\nlast` },
    { name: 'the line last, without a line break', body: (line) => `first\n${line}` },
    { name: 'UTF-8 text over 64 K characters', body: (line) => `${filler}${line}\n${filler}` },
    { name: 'ISO-8859-1 text', body: (line) => `first\r\n${line}\r\nlast`, charset: 'iso-8859-1' },
  ];
  for (const { name, body, charset } of paths) {
    for (const field of ['text', 'html'] as const) {
      test(`${name} (${field})`, async () => {
        const options = charset === undefined ? {} : { charset };
        const edge = await compose({ ...base, [field]: body('a'.repeat(MAX_LINE_OCTETS)) }, options);
        const over = await compose({ ...base, [field]: body('a'.repeat(MAX_LINE_OCTETS + 1)) }, options);
        expect(cte(edge.raw)).toEqual(['7bit']);
        expect(longest(edge.raw)).toBe(MAX_LINE_OCTETS);
        expect(cte(over.raw)).toEqual(['quoted-printable']);
        expect(longest(over.raw)).toBe(76);
        const [pe, po] = pythonParse([edge.raw, over.raw]);
        const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');
        expect(crlf(pe!.leaves[0]!.text!)).toBe(crlf(body('a'.repeat(MAX_LINE_OCTETS))));
        expect(crlf(po!.leaves[0]!.text!)).toBe(crlf(body('a'.repeat(MAX_LINE_OCTETS + 1))));
        for (const m of [edge, over]) {
          const report = await validate(m.raw, { profile: 'rfc5322' });
          expect(report.issues.map((i) => i.code)).toEqual([]);
        }
      });
    }
  }
});

describe(`header lines: at most ${MAX_LINE_OCTETS} octets`, () => {
  // Through the public API no header line can get near the limit: names are at most 76 characters and plain
  // tokens at most 900 (longer ones are encoded so they fold). The longest such line is written unfolded:
  test('the longest unfoldable custom header line (76-character name, 900-character token) is written as is', async () => {
    const name = `X-${'n'.repeat(74)}`;
    const token = 'v'.repeat(900);
    const m = await compose({ ...base, text: 't', headers: { [name]: token } });
    expect(crlfLines(m.raw)).toContain(`${name}: ${token}`);
    expect(longest(m.raw)).toBe(76 + 2 + 900);
    expect((await validate(m.raw, { profile: 'rfc5322' })).issues.map((i) => i.code)).toEqual([]);
  });

  test('a 901-character token is encoded (so it can fold) rather than written as one line', async () => {
    const m = await compose({ ...base, text: 't', headers: { 'X-Long': 'v'.repeat(901) } });
    expect(longest(m.raw)).toBeLessThanOrEqual(78);
    const [p] = pythonParse([m.raw]);
    expect(p!.defects).toEqual([]);
  });

  // The limit itself is enforced by compose's HeaderWriter, which turns the wire layer's refusal into a ComposeError.
  test(`compose's header writer writes a ${MAX_LINE_OCTETS}-octet line and refuses ${MAX_LINE_OCTETS + 1}`, () => {
    const edge = new HeaderWriter('X').space('v'.repeat(MAX_LINE_OCTETS - 3)).finish();
    expect(edge).toBe(`X: ${'v'.repeat(MAX_LINE_OCTETS - 3)}\r\n`);
    let error: unknown;
    try {
      new HeaderWriter('X').space('v'.repeat(MAX_LINE_OCTETS - 2));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ComposeError);
    expect(error).toMatchObject({ code: 'compose.header-too-long', path: [], details: { header: 'X' } });
    expect((error as ComposeError).message).toBe(
      `the X header has an unbreakable token making a line longer than ${MAX_LINE_OCTETS} octets; shorten it.`,
    );
  });
});
