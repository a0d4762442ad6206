/**
 * The folding header writer at its exact edges: a glued `,` or `;` that lands on column 78 stays, one that passes
 * it moves the previous token to a new line; a line of 998 octets is written, 999 is refused.
 */
import { describe, expect, test } from 'vitest';
import * as limits from '../src/index.js';
import { HeaderWriter, MimeError } from '../src/index.js';

// RFC 5322 §2.1.1, written out rather than imported: a change to the library's limits must fail these tests.
const MAX_LINE_OCTETS = 998;
const FOLD_COLUMN = 78;

test('the library uses the RFC limits', () => {
  expect([limits.MAX_LINE_OCTETS, limits.FOLD_COLUMN]).toEqual([MAX_LINE_OCTETS, FOLD_COLUMN]);
});

const t = (n: number, c = 'a') => c.repeat(n);
const unfold = (field: string) => field.replace(/\r\n(?=[ \t])/g, '');

describe(`glue: a separator reaching column ${FOLD_COLUMN} exactly`, () => {
  // "To: x " is 6 characters, so a token of n and its separator end at column 6 + n + 1.
  for (const sep of [',', ';']) {
    test(`'${sep}' ending at column ${FOLD_COLUMN} stays on the line`, () => {
      const w = new HeaderWriter('To').space('x').space(t(71)).glue(sep);
      expect(w.finish()).toBe(`To: x ${t(71)}${sep}\r\n`);
      expect(`To: x ${t(71)}${sep}`.length).toBe(FOLD_COLUMN);
    });

    test(`'${sep}' ending at column ${FOLD_COLUMN + 1} takes the previous token to a new line`, () => {
      const w = new HeaderWriter('To').space('x').space(t(72)).glue(sep);
      expect(w.finish()).toBe(`To: x\r\n ${t(72)}${sep}\r\n`);
      expect(unfold(w.finish())).toBe(`To: x ${t(72)}${sep}\r\n`);
    });

    test(`'${sep}' after a folded token, with a tab as whitespace, keeps the tab`, () => {
      const w = new HeaderWriter('Content-Type').space('text/plain').glue(sep).space(t(60), '\t').glue(sep);
      expect(w.finish()).toBe(`Content-Type: text/plain${sep}\r\n\t${t(60)}${sep}\r\n`);
    });
  }

  test('after the fold the next token continues on the new line', () => {
    const w = new HeaderWriter('To').space('x').space(t(72)).glue(',').space('y').glue(',');
    expect(w.finish()).toBe(`To: x\r\n ${t(72)}, y,\r\n`);
  });

  test('a separator after the first token has no fold point: the line stays long', () => {
    const w = new HeaderWriter('To').space(t(80)).glue(',');
    expect(w.finish()).toBe(`To: ${t(80)},\r\n`);
  });

  test('glue on a fresh writer has no fold point, however long the line', () => {
    expect(new HeaderWriter('To').glue(t(80)).finish()).toBe(`To:${t(80)}\r\n`);
  });

  test('a token folded onto a new line is not a fold point for the next glue', () => {
    // " " + 80 characters is past the column already; the ',' must not split the new line after its whitespace.
    const w = new HeaderWriter('To').space('x').space(t(80)).glue(',');
    expect(w.finish()).toBe(`To: x\r\n ${t(80)},\r\n`);
  });

  test('a glued token does not become a fold point itself', () => {
    // After the fold the line is " <72 a>," with no fold point: the next glue must not split it again.
    const w = new HeaderWriter('To').space('x').space(t(72)).glue(',').glue(t(10, 'b'));
    expect(w.finish()).toBe(`To: x\r\n ${t(72)},${t(10, 'b')}\r\n`);
  });
});

describe('space: folding before a token that would pass the column', () => {
  test(`a token ending exactly at column ${FOLD_COLUMN} stays`, () => {
    expect(new HeaderWriter('To').space('x').space(t(72)).finish()).toBe(`To: x ${t(72)}\r\n`);
  });

  test(`a token ending at column ${FOLD_COLUMN + 1} folds before its whitespace`, () => {
    expect(new HeaderWriter('To').space('x').space(t(73)).finish()).toBe(`To: x\r\n ${t(73)}\r\n`);
    expect(new HeaderWriter('To').space('x').space(t(73), '\t').finish()).toBe(`To: x\r\n\t${t(73)}\r\n`);
  });

  test('the first token never folds, however long', () => {
    expect(new HeaderWriter('Subject').space(t(100)).finish()).toBe(`Subject: ${t(100)}\r\n`);
  });

  test('remaining() counts the characters left before the column after one space', () => {
    const w = new HeaderWriter('To');
    expect(w.remaining()).toBe(FOLD_COLUMN - 'To:'.length - 1);
    w.space('abc');
    expect(w.remaining()).toBe(FOLD_COLUMN - 'To: abc'.length - 1);
    w.space(t(80));
    expect(w.remaining()).toBe(FOLD_COLUMN - 81 - 1);
  });

  test('an empty writer finishes as the bare field name', () => {
    expect(new HeaderWriter('X-Empty').finish()).toBe('X-Empty:\r\n');
  });
});

describe(`line limit: ${MAX_LINE_OCTETS} octets are written, ${MAX_LINE_OCTETS + 1} refused`, () => {
  const refused = (write: () => unknown) => {
    let error: unknown;
    try {
      write();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MimeError);
    expect(error).toMatchObject({ code: 'mime.header-too-long', details: { header: 'X' } });
    expect((error as Error).message).toBe(
      `the X header has an unbreakable token making a line longer than ${MAX_LINE_OCTETS} octets; shorten it.`,
    );
  };

  test('space(): "X: " + 995 octets is 998', () => {
    const field = new HeaderWriter('X').space(t(MAX_LINE_OCTETS - 3)).finish();
    expect(field).toBe(`X: ${t(MAX_LINE_OCTETS - 3)}\r\n`);
    refused(() => new HeaderWriter('X').space(t(MAX_LINE_OCTETS - 2)));
  });

  test('space() on a continuation line: WSP + 997 octets is 998', () => {
    const field = new HeaderWriter('X')
      .space('a')
      .space(t(MAX_LINE_OCTETS - 1, 'b'))
      .finish();
    expect(field).toBe(`X: a\r\n ${t(MAX_LINE_OCTETS - 1, 'b')}\r\n`);
    refused(() => new HeaderWriter('X').space('a').space(t(MAX_LINE_OCTETS, 'b')));
  });

  test('glue() with no fold point: 998 is written, 999 refused', () => {
    const field = new HeaderWriter('X')
      .space(t(MAX_LINE_OCTETS - 4))
      .glue(',')
      .finish();
    expect(field).toBe(`X: ${t(MAX_LINE_OCTETS - 4)},\r\n`);
    refused(() => new HeaderWriter('X').space(t(MAX_LINE_OCTETS - 3)).glue(','));
  });

  test('control characters in the header name are escaped in the message', () => {
    expect(() => new HeaderWriter('X\u0001').space(t(MAX_LINE_OCTETS))).toThrow(/the X\\x01 header/);
  });
});
