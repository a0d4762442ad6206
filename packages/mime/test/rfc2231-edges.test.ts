/**
 * RFC 2231 parameters at their edges: every %XX escape and every character that is not a hex digit, which names
 * are sections (`name*`, `name*N`, `name*N*`) and which only look like one, the charset'language' prefix, what an
 * undecodable parameter leaves behind (nothing), and continuations written for values whose first code point
 * alone is longer than a segment. Oracles: exact RFC 2231 expectations computed here, and Python's `email`
 * (`get_params` + `collapse_rfc2231_value`) on the same rows.
 */
import { describe, expect, test } from 'vitest';
import { decodeParams, extendedParameter, parseParamsValue } from '../src/index.js';
import { python } from './helpers/python.js';

const decode = (header: string) => {
  const parsed = parseParamsValue(header, false);
  expect(parsed.error, header).toBeUndefined();
  return decodeParams(parsed.params);
};
const hex2 = (b: number) => b.toString(16).padStart(2, '0');

/** Python's reading of a Content-Disposition value: each parameter name → its collapsed (decoded) value. */
const PY_PARAMS = `
import email, json, sys
from email.utils import collapse_rfc2231_value
out = []
for h in json.load(sys.stdin):
    m = email.message_from_string('Content-Disposition: ' + h + '\\n\\n')
    out.append({k: collapse_rfc2231_value(v) for k, v in m.get_params(header='content-disposition')[1:]})
json.dump(out, sys.stdout)
`;

describe('percent-escapes', () => {
  const escapes = Array.from({ length: 256 }, (_, b) => [hex2(b).toUpperCase(), hex2(b)]).flat();
  const header = (h: string) => `attachment; name*=iso-8859-1''a%${h}b`;

  test('every %XX, upper- and lower-case, is the byte XX', () => {
    for (const h of escapes) {
      const d = decode(header(h));
      expect(d.errors, h).toEqual([]);
      expect(d.values.get('name'), h).toBe(`a${String.fromCharCode(Number.parseInt(h, 16))}b`);
    }
  });

  test('Python reads every %XX as the same byte', () => {
    const expected = escapes.map((h) => ({ name: `a${String.fromCharCode(Number.parseInt(h, 16))}b` }));
    expect(python(PY_PARAMS, escapes.map(header))).toEqual(expected);
  });

  test('a % not followed by two hex digits is malformed, and the parameter is left out', () => {
    // Quoted, so that tspecials such as ':' and '@' (right after '9' in ASCII) reach the decoder too.
    for (let c = 0x20; c < 0x7f; c++) {
      const ch = String.fromCharCode(c);
      if (/[0-9A-Fa-f"\\]/.test(ch)) continue;
      for (const bad of [`%${ch}0`, `%0${ch}`, `%${ch}`]) {
        const d = decode(`attachment; name*="utf-8''a${bad}"; other=1`);
        expect(d.errors, bad).toEqual(["parameter 'name' has a malformed %-escape"]);
        expect([...d.values], bad).toEqual([['other', '1']]);
      }
    }
  });
});

describe('section names', () => {
  /** [header, decoded parameters, whether Python reads it the same]. */
  const rows: [string, Record<string, string>, boolean][] = [
    ["attachment; name*=utf-8''%C3%A4", { name: 'ä' }, true],
    ['attachment; name*0=a; name*1=b', { name: 'ab' }, true],
    ["attachment; name*0*=utf-8''%C3; name*1*=%A4", { name: 'ä' }, true],
    // Not sections: a name that starts with '*', text after the number, two stars.
    ['attachment; *a*0=x; b=1', { '*a*0': 'x', b: '1' }, true],
    ['attachment; a*0x=x', { 'a*0x': 'x' }, true],
    ['attachment; a**=x', { 'a**': 'x' }, true],
    // Plain (not extended) continuations are text like a plain value, raw non-ASCII included.
    ['attachment; name*0="Grü"; name*1="ße.pdf"', { name: 'Grüße.pdf' }, true],
    ['attachment; name*1=b; name*0=ä', { name: 'äb' }, true],
    ['attachment; name=x; name*0=€; name*1=%41', { name: '€%41' }, true],
    // A section number has any number of digits (as Python reads it): a*00000 is section 0 of a.
    ['attachment; a*00000=x', { a: 'x' }, true],
  ];

  test.each(rows)('%s', (header, params) => {
    const d = decode(header);
    expect(d.errors).toEqual([]);
    expect(Object.fromEntries(d.values)).toEqual(params);
  });

  test('a gap left by a high section number is reported, not filled', () => {
    const d = decode('attachment; name*9999=x; name*0=a');
    expect(d.errors).toEqual(["parameter 'name' has RFC 2231 continuation 9999 without 1"]);
    expect(d.values.has('name')).toBe(false);
  });

  test('Python reads the well-formed rows the same way', () => {
    const ok = rows.filter(([, , py]) => py);
    expect(
      python(
        PY_PARAMS,
        ok.map(([h]) => h),
      ),
    ).toEqual(ok.map(([, v]) => v));
  });
});

describe("the charset'language' prefix", () => {
  test('a one-letter charset is a charset (unknown), not a missing prefix', () => {
    const d = decode("attachment; name*=x''abc");
    expect(d.errors).toEqual(["parameter 'name*' names unknown charset 'x'"]);
    expect(d.values.get('name')).toBe('abc');
  });

  test('language tags are skipped; an empty charset means US-ASCII', () => {
    expect(decode("attachment; name*=utf-8'de-DE'%C3%A4").values.get('name')).toBe('ä');
    expect(decode("attachment; name*=''a%41").values.get('name')).toBe('aA');
  });

  test('a value without both quotes is reported and left out', () => {
    for (const v of ['abc', "utf-8'abc", "'abc"]) {
      const d = decode(`attachment; name*=${v}; other=1`);
      expect(d.errors, v).toEqual(["parameter 'name*' lacks the charset'language' prefix of RFC 2231"]);
      expect([...d.values], v).toEqual([['other', '1']]);
    }
  });
});

describe('writing continuations', () => {
  test('the first segment always holds a character, even one longer than a segment', () => {
    // "utf-8''" + "%F0%9F%98%80" is 19 > 10: the emoji still goes into the first segment, not the second.
    expect(extendedParameter('f', '😀x', 10)).toEqual(["f*0*=utf-8''%F0%9F%98%80", 'f*1*=x']);
    expect(extendedParameter('f', '😀', 4)).toEqual(["f*0*=utf-8''%F0%9F%98%80"]);
    expect(extendedParameter('f', 'éé', 8)).toEqual(["f*0*=utf-8''%C3%A9", 'f*1*=%C3%A9']);
  });
});

describe('parameter values: bytes above 0x7F are token characters', () => {
  test.each([0x80, 0x81, 0xa0, 0xe4, 0xff, 0x20ac])('U+%s', (c) => {
    const ch = String.fromCharCode(c);
    expect(parseParamsValue(`text/plain; x=a${ch}b`, true)).toEqual({
      value: 'text/plain',
      params: [{ name: 'x', value: `a${ch}b` }],
    });
  });
});

describe('the work counter', () => {
  test('never counts past the end of the value', () => {
    for (const input of ['text/plain (x', 'text/plain; a=(b', '(', 'text/plain; a="b']) {
      const work = { steps: 0 };
      const r = parseParamsValue(input, true, work);
      expect(r.error, input).toBeDefined();
      expect(work.steps, input).toBeLessThanOrEqual(input.length);
    }
  });
});
