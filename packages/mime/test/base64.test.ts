/**
 * Wrapped base64 (RFC 2045 §6.8): the one-shot writer, its length function and the streaming line encoder must all
 * give exactly Node's base64 cut into 76-column CRLF lines (the reference below), for any size and chunking,
 * including sizes that cross the writer's 1,024-line staging block. Python's `base64` decodes it back.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Base64LineEncoder, base64Wrapped, base64WrappedLength, writeBase64Wrapped } from '../src/index.js';
import { python } from './helpers/python.js';

/** The reference: plain base64, cut every 76 characters, every line (also the last) ending in CRLF. */
function reference(bytes: Uint8Array): string {
  const b64 = Buffer.from(bytes).toString('base64');
  let out = '';
  for (let i = 0; i < b64.length; i += 76) out += `${b64.slice(i, i + 76)}\r\n`;
  return out;
}

const bytesOf = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 131 + (i >> 8)) & 255);
const BLOCK = 1024 * 57; // input bytes of one staging block of 1,024 lines
const sizes = [0, 1, 2, 3, 4, 56, 57, 58, 113, 114, 115, 171, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK + 58];

describe('base64Wrapped and base64WrappedLength', () => {
  test.each(sizes)('%i bytes', (n) => {
    const src = bytesOf(n);
    const out = base64Wrapped(src);
    expect(out.toString('latin1')).toBe(reference(src));
    expect(base64WrappedLength(n)).toBe(out.length);
  });

  test('exact lengths', () => {
    expect([0, 1, 57, 58, 114].map(base64WrappedLength)).toEqual([0, 6, 78, 84, 156]);
  });

  test('property: any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 700, size: 'max' }), (src) => {
        expect(base64Wrapped(src).toString('latin1')).toBe(reference(src));
        expect(base64WrappedLength(src.length)).toBe(reference(src).length);
      }),
    );
  });

  test('writeBase64Wrapped writes at the position into a larger buffer, reads a view at its offset', () => {
    const backing = bytesOf(300);
    const src = backing.subarray(17, 17 + 130); // a view with a non-zero byteOffset
    const out = Buffer.alloc(400, 0x2e);
    const end = writeBase64Wrapped(src, out, 9);
    const want = reference(src);
    expect(end).toBe(9 + want.length);
    expect(out.toString('latin1')).toBe(`${'.'.repeat(9)}${want}${'.'.repeat(400 - 9 - want.length)}`);
    expect(writeBase64Wrapped(new Uint8Array(0), out, 5)).toBe(5);
  });

  test('Python decodes it back', () => {
    const inputs = [bytesOf(1), bytesOf(57), bytesOf(1000), bytesOf(BLOCK + 1)];
    const PY = `
import base64, json, sys
out = []
for v in json.load(sys.stdin):
    text = v.encode('ascii')
    ok = all(len(line) <= 76 for line in text.split(b'\\r\\n'))
    out.append([base64.b64decode(text.replace(b'\\r\\n', b''), validate=True).hex(), ok])
json.dump(out, sys.stdout)
`;
    const answers = python<[string, boolean]>(
      PY,
      inputs.map((b) => base64Wrapped(b).toString('latin1')),
    );
    expect(answers).toEqual(inputs.map((b) => [Buffer.from(b).toString('hex'), true]));
  });
});

describe('Base64LineEncoder (streams)', () => {
  const run = (chunks: Uint8Array[]) => {
    const enc = new Base64LineEncoder();
    const outs: (Buffer | undefined)[] = chunks.map((c) => enc.push(c));
    const last = enc.end();
    return { outs, last };
  };

  test('whole lines only until end(); end() gives the short last line once', () => {
    const enc = new Base64LineEncoder();
    expect(enc.push(bytesOf(56))).toBeUndefined();
    const line = enc.push(bytesOf(2));
    expect(line?.toString('latin1')).toBe(
      reference(Buffer.concat([bytesOf(56), bytesOf(2)]).subarray(0, 57)),
    );
    expect(line?.length).toBe(78);
    const rest = enc.end();
    expect(rest?.toString('latin1')).toBe(reference(bytesOf(2).subarray(1)));
    expect(enc.end()).toBeUndefined();
    expect(new Base64LineEncoder().end()).toBeUndefined();
    expect(new Base64LineEncoder().push(new Uint8Array(0))).toBeUndefined();
  });

  test('a chunk that completes the carried line and brings more lines', () => {
    const all = bytesOf(10 + 57 * 3 + 5);
    const { outs, last } = run([all.subarray(0, 10), all.subarray(10)]);
    expect(outs[0]).toBeUndefined();
    expect(outs[1]?.length).toBe(3 * 78);
    expect(Buffer.concat([outs[1]!, last!]).toString('latin1')).toBe(reference(all));
  });

  test('property: any chunking gives the one-shot output, in whole lines', () => {
    fc.assert(
      fc.property(
        // size 'max': chunks of any length up to 200 (fast-check's default size would keep them under ~10 bytes).
        fc.array(fc.uint8Array({ maxLength: 200, size: 'max' }), { maxLength: 12 }),
        (chunks) => {
          const { outs, last } = run(chunks);
          for (const o of outs) if (o !== undefined) expect(o.length % 78).toBe(0);
          const all = Buffer.concat(chunks);
          const got = Buffer.concat([...outs, last].filter((x): x is Buffer => x !== undefined));
          expect(got.toString('latin1')).toBe(reference(all));
        },
      ),
    );
  });

  test('a first chunk of whole lines, nothing carried', () => {
    const enc = new Base64LineEncoder();
    const all = bytesOf(57 * 2 + 3);
    expect(enc.push(all)?.toString('latin1')).toBe(reference(all.subarray(0, 114)));
    expect(enc.end()?.toString('latin1')).toBe(reference(all.subarray(114)));
  });
});
