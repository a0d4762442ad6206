/**
 * Quoted-printable (RFC 2045 §6.7) at its edges, exact bytes; the Latin-1 shortcut equals encoding the UTF-8 bytes;
 * Python's `quopri` (binascii.a2b_qp) decodes everything back. The byte-at-a-time reference comparison is in
 * qp-reference.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { qpDecode, qpEncode, qpEncodeLatin1Text } from '../src/index.js';
import { python } from './helpers/python.js';

const qp = (s: string | Uint8Array) =>
  qpEncode(typeof s === 'string' ? Buffer.from(s, 'latin1') : s).toString('latin1');

describe('exact output', () => {
  test.each([
    ['', ''],
    ['plain text', 'plain text'],
    ['a=b', 'a=3Db'],
    ['trailing space ', 'trailing space=20'],
    ['trailing tab\t', 'trailing tab=09'],
    ['space before break \r\nnext', 'space before break=20\r\nnext'],
    ['tab before break\t\r\nnext', 'tab before break=09\r\nnext'],
    ['inner space and\ttab stay', 'inner space and\ttab stay'],
    ['bare\nLF and bare\rCR', 'bare=0ALF and bare=0DCR'],
    ['CR at the end\r', 'CR at the end=0D'],
    ['\x00\x1f\x7f\x80\xff~!', '=00=1F=7F=80=FF~!'],
    ['a\r\n\r\nb', 'a\r\n\r\nb'],
  ])('%j', (input, want) => {
    expect(qp(input)).toBe(want);
  });

  test('76 characters fit on a line, 77 break after 75 with a soft break', () => {
    expect(qp('a'.repeat(76))).toBe('a'.repeat(76));
    expect(qp(`${'a'.repeat(76)}\r\nb`)).toBe(`${'a'.repeat(76)}\r\nb`);
    expect(qp('a'.repeat(77))).toBe(`${'a'.repeat(75)}=\r\naa`);
    expect(qp('a'.repeat(75 + 75 + 3))).toBe(`${'a'.repeat(75)}=\r\n${'a'.repeat(75)}=\r\naaa`);
  });

  test('an escape never straddles a soft break, and one ending the line may use column 76', () => {
    expect(qp(`${'a'.repeat(73)}=`)).toBe(`${'a'.repeat(73)}=3D`);
    expect(qp(`${'a'.repeat(73)}=b`)).toBe(`${'a'.repeat(73)}=\r\n=3Db`);
    expect(qp(`${'a'.repeat(72)}=b`)).toBe(`${'a'.repeat(72)}=3Db`);
    expect(qp(`${'a'.repeat(73)} `)).toBe(`${'a'.repeat(73)}=20`);
    expect(qp(`${'a'.repeat(74)} `)).toBe(`${'a'.repeat(74)}=\r\n=20`);
    expect(qp(`${'a'.repeat(74)} b`)).toBe(`${'a'.repeat(74)} b`);
    expect(qp(`${'a'.repeat(74)} bc`)).toBe(`${'a'.repeat(74)} =\r\nbc`);
    expect(qp(`${'a'.repeat(73)} \r\nb`)).toBe(`${'a'.repeat(73)}=20\r\nb`);
  });

  test('the four-byte path stops before a space that ends a line', () => {
    expect(qp('abcd \r\n')).toBe('abcd=20\r\n');
    expect(qp('abc \r\nx')).toBe('abc=20\r\nx');
    expect(qp('abcdefgh \r\n')).toBe('abcdefgh=20\r\n');
  });

  test('large inputs (over the kept scratch size) and small ones after them', () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 0x61);
    const out = qpEncode(big);
    expect(out.length).toBe(big.length + Math.floor((big.length - 1) / 75) * 3);
    expect(qp('small=')).toBe('small=3D');
  });

  test('a large input where every byte is escaped (the worst case the output buffer is sized for) comes out whole', () => {
    // 100 000 escapes outgrow the kept 64 KiB scratch buffer three times over; a line holds 25 of them (75 columns).
    const line = '=FF'.repeat(25);
    const out = qpEncode(Buffer.alloc(100_000, 0xff)).toString('latin1');
    expect(out.length).toBe(100_000 * 3 + (100_000 / 25 - 1) * 3);
    expect(out).toBe(Array.from({ length: 100_000 / 25 }, () => line).join('=\r\n'));
  });
});

describe('Latin-1 text read as UTF-8', () => {
  const latin1 = fc.string({
    unit: fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom('a', ' ', '\t', '=', '\r\n', '\n', '\r') },
      { weight: 2, arbitrary: fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)) },
    ),
    maxLength: 300,
    size: 'max',
  });

  test('property: exactly qpEncode of the UTF-8 bytes, with the UTF-8 length', () => {
    fc.assert(
      fc.property(latin1, (text) => {
        const got = qpEncodeLatin1Text(text);
        const utf8 = Buffer.from(text, 'utf8');
        expect(got.bytes.toString('latin1')).toBe(qpEncode(utf8).toString('latin1'));
        expect(got.utf8Length).toBe(utf8.length);
      }),
      { numRuns: 1000 },
    );
  });

  test('non-ASCII characters at every column near the line end', () => {
    for (let k = 60; k <= 80; k++)
      for (const tail of ['é', 'éé', 'é ', 'é\r\nx', ' é', 'éa'])
        expect(qpEncodeLatin1Text(`${'a'.repeat(k)}${tail}`).bytes.toString('latin1'), `${k} ${tail}`).toBe(
          qpEncode(Buffer.from(`${'a'.repeat(k)}${tail}`, 'utf8')).toString('latin1'),
        );
    expect(qpEncodeLatin1Text('é').bytes.toString('latin1')).toBe('=C3=A9');
    expect(qpEncodeLatin1Text('é').utf8Length).toBe(2);
  });
});

test("Python's quopri decodes every output back to the input; no line over 76", () => {
  const inputs = fc.sample(fc.uint8Array({ maxLength: 400, size: 'max' }), 100).map((b) => Buffer.from(b));
  inputs.push(Buffer.from(`${'a'.repeat(74)} \r\n${'b'.repeat(80)}=\t\r\n`, 'latin1'));
  const PY = `
import binascii, json, sys
out = []
for v in json.load(sys.stdin):
    text = v.encode('latin-1')
    out.append([binascii.a2b_qp(text).hex(), max((len(l) for l in text.split(b'\\r\\n')), default=0) <= 76])
json.dump(out, sys.stdout)
`;
  const answers = python<[string, boolean]>(
    PY,
    inputs.map((b) => qpEncode(b).toString('latin1')),
  );
  expect(answers).toEqual(inputs.map((b) => [b.toString('hex'), true]));
});

describe('qpDecode', () => {
  const dec = (s: string) => qpDecode(Buffer.from(s, 'latin1'))?.toString('latin1');

  test.each([
    ['', ''],
    ['plain', 'plain'],
    ['a=3Db=3db', 'a=b=b'],
    ['=C3=A9t=c3=a9', '\xc3\xa9t\xc3\xa9'],
    ['soft=\r\nbreak', 'softbreak'],
    ['bare LF\nlines', 'bare LF\r\nlines'],
    ['last line keeps its spaces  ', 'last line keeps its spaces  '],
    ['8-bit \xe9 kept', '8-bit \xe9 kept'],
  ])('%j', (input, want) => {
    expect(dec(input)).toBe(want);
  });

  test.each([
    ['a lone = in text', 'a = b'],
    ['a bad digit', 'a=4G'],
    ['one digit before the line break', 'a=4\r\nb'],
    ['an escape cut by the end', 'a=4'],
    ['= at the very end', 'a='],
    ['spaces before a line break (padding to RFC 2045, content to Python)', 'a  \r\nb'],
    ['a tab before a soft break', 'a=\t\r\nb'],
  ])('ambiguous text has no answer: %s', (_name, input) => {
    expect(dec(input)).toBeUndefined();
  });

  test('decodes what qpEncode writes back to the same bytes (any bytes)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        expect(qpDecode(qpEncode(bytes))?.equals(Buffer.from(bytes))).toBe(true);
      }),
      { seed: 20261202, numRuns: 300 },
    );
  });

  test("agrees with Python's quopri on valid text (line breaks compared as LF)", () => {
    const inputs = fc
      .sample(fc.uint8Array({ maxLength: 300, size: 'max' }), 60)
      .map((b) => qpEncode(Buffer.from(b)).toString('latin1'));
    inputs.push(
      'lower=c3=a9case',
      'soft=\r\nbreak',
      'bare\nLF\n',
      `${'a'.repeat(200)}=\r\n${'b'.repeat(10)}`,
      '8-bit \xfc kept\r\n',
    );
    const PY = `
import json, quopri, sys
json.dump([quopri.decodestring(v.encode('latin-1')).replace(b'\\r\\n', b'\\n').hex() for v in json.load(sys.stdin)], sys.stdout)
`;
    const answers = python<string>(PY, inputs);
    expect(
      inputs.map((s) =>
        Buffer.from(
          (qpDecode(Buffer.from(s, 'latin1')) as Buffer).toString('latin1').replace(/\r\n/g, '\n'),
          'latin1',
        ).toString('hex'),
      ),
    ).toEqual(answers);
  });
});
