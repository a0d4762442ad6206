/** composeStream: same bytes as compose, exact size when known, lazy reading of streamed/path attachments. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { type ComposeInput, type ComposeOptions, compose, composeStream } from '../src/index.js';
import { pythonParse } from './helpers/oracles.js';

const options: ComposeOptions = {
  boundary: (i) => `=_b${i}`,
  date: () => new Date(0),
  messageId: () => 'id@example.com',
};
const base: ComposeInput = { from: 'a@example.com', to: 'b@example.com', subject: 'S', text: 'body' };
const data = Buffer.from(Array.from({ length: 200_001 }, (_, i) => (i * 31 + 7) % 256));

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}

function* pieces(buf: Buffer, size: number) {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

describe('composeStream', () => {
  test('a Readable attachment streams to the same bytes as an in-memory one; size unknown up front', async () => {
    const expected = await compose({ ...base, attachments: [{ filename: 'd.bin', content: data }] }, options);
    const out = composeStream(
      { ...base, attachments: [{ filename: 'd.bin', content: Readable.from(pieces(data, 4099)) }] },
      options,
    );
    expect(out.size).toBeUndefined();
    expect(out.envelope).toEqual(expected.envelope);
    expect(out.messageId).toBe(expected.messageId);
    expect((await collect(out.stream)).equals(Buffer.from(expected.raw))).toBe(true);
  });

  test('compose() also accepts streams (and AsyncIterables of strings)', async () => {
    async function* strings() {
      yield 'hello ';
      yield 'wörld';
    }
    const m = await compose({ ...base, attachments: [{ filename: 's.txt', content: strings() }] }, options);
    const [p] = pythonParse([m.raw]);
    expect(Buffer.from(p!.leaves[1]!.bytes, 'base64').toString()).toBe('hello wörld');
  });

  test('path attachments: size is exact and known before reading', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rawmail-compose-'));
    const file = join(dir, 'report.bin');
    writeFileSync(file, data);
    const out = composeStream({ ...base, attachments: [{ path: file }] }, options);
    expect(out.size).toBeTypeOf('number');
    const bytes = await collect(out.stream);
    expect(bytes.length).toBe(out.size);
    const viaCompose = await compose({ ...base, attachments: [{ path: file }] }, options);
    expect(bytes.equals(Buffer.from(viaCompose.raw))).toBe(true);
    const [p] = pythonParse([bytes]);
    expect(p!.leaves[1]!.filename).toBe('report.bin');
    expect(Buffer.from(p!.leaves[1]!.bytes, 'base64').equals(data)).toBe(true);
  });

  test('in-memory messages report the exact size', async () => {
    const out = composeStream(
      { ...base, html: '<p>x</p>', attachments: [{ filename: 'd.bin', content: data }] },
      options,
    );
    expect((await collect(out.stream)).length).toBe(out.size);
  });

  test('reads the attachment lazily: consuming part of the output pulls only part of the source', async () => {
    let pulled = 0;
    async function* source() {
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield Buffer.alloc(64 * 1024, i);
      }
    }
    const out = composeStream(
      { ...base, attachments: [{ filename: 'big.bin', content: source() }] },
      options,
    );
    let seen = 0;
    for await (const c of out.stream) {
      seen += (c as Uint8Array).length;
      if (seen > 1024 * 1024) break;
    }
    out.stream.destroy();
    expect(pulled).toBeLessThan(100); // 64 MB source; only what was consumed (plus stream buffering) was read
  });

  test('a failing source surfaces as compose.attachment-unreadable on the stream', async () => {
    async function* failing() {
      yield Buffer.from('partial');
      throw new Error('disk on fire');
    }
    const out = composeStream({ ...base, attachments: [{ filename: 'x.bin', content: failing() }] }, options);
    await expect(collect(out.stream)).rejects.toMatchObject({ code: 'compose.attachment-unreadable' });
    await expect(
      compose({ ...base, attachments: [{ filename: 'x.bin', content: failing() }] }),
    ).rejects.toMatchObject({
      code: 'compose.attachment-unreadable',
    });
  });

  test('a file that changes size after composeStream() is reported, not silently mis-sized', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rawmail-compose-'));
    const file = join(dir, 'grow.bin');
    writeFileSync(file, data.subarray(0, 1000));
    const out = composeStream({ ...base, attachments: [{ path: file }] }, options);
    writeFileSync(file, data.subarray(0, 5000));
    await expect(collect(out.stream)).rejects.toMatchObject({ code: 'compose.attachment-unreadable' });
  });
});

test('a stream of non-byte chunks (object mode) is refused as unreadable', async () => {
  const out = composeStream({
    ...base,
    attachments: [{ filename: 'o', content: Readable.from([{ not: 'bytes' }]) }],
  });
  await expect(collect(out.stream)).rejects.toMatchObject({ code: 'compose.attachment-unreadable' });
});
