import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { type CliIo, runCli } from '../src/cli/run-cli.js';
import { validate } from '../src/index.js';
import { SLICE_BYTES } from '../src/reader/input.js';
import { validateWithStats } from '../src/validate.js';
import { messageOfSize } from './helpers/fixtures.js';

const MB = 1024 * 1024;
const SES_V1_CAP = 10_485_760;

/** Endless input: the same 64 KB block forever; `closed` turns true when the consumer ends the iteration. */
function endless(block = Buffer.alloc(64 * 1024, 0x61)) {
  const state = { yielded: 0, closed: false };
  async function* gen(): AsyncGenerator<Buffer> {
    try {
      for (;;) {
        state.yielded += block.length;
        yield block;
      }
    } finally {
      state.closed = true;
    }
  }
  return { iterable: gen(), state };
}

describe('a stream past the size cap stops being read and settles', () => {
  test('an endless async iterable: message.too-large with the bytes seen, iteration ended', async () => {
    const { iterable, state } = endless();
    const { report, stats } = await validateWithStats(iterable);
    expect(stats.truncated).toBe(true);
    expect(report.size).toBeGreaterThan(SES_V1_CAP);
    expect(report.size).toBeLessThanOrEqual(SES_V1_CAP + 64 * 1024);
    expect(report.size).toBe(state.yielded);
    expect(state.closed).toBe(true);
    const tooLarge = report.issues.filter((i) => i.code === 'message.too-large');
    expect(tooLarge).toHaveLength(1);
    expect(tooLarge[0]?.message).toContain(`reading stopped after ${report.size} bytes`);
    // What was not read is not reported as missing: no open multipart or unfinished base64 complaints.
    expect(report.issues.map((i) => i.code)).not.toContain('mime.boundary-not-found');
  });

  test('an endless Readable is destroyed once the cap of the profile is passed (ses-v2: 40 MiB)', async () => {
    const block = Buffer.alloc(256 * 1024, 0x61);
    let pushed = 0;
    const stream = new Readable({
      read() {
        pushed += block.length;
        this.push(block);
      },
    });
    const report = await validate(stream, { profile: 'ses-v2' });
    expect(report.issues.map((i) => i.code)).toContain('message.too-large');
    expect(report.size).toBeGreaterThan(41_943_040);
    expect(stream.destroyed).toBe(true);
    expect(pushed).toBeLessThan(41_943_040 + 4 * MB);
  });

  test('a multipart whose closing delimiter lies past the cap is not reported as unclosed', async () => {
    const head = Buffer.from(
      'From: a@example.com\r\nTo: b@example.org\r\nMIME-Version: 1.0\r\n' +
        'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: application/octet-stream\r\n' +
        'Content-Transfer-Encoding: base64\r\n\r\n',
    );
    const line = Buffer.from(`${'QUJD'.repeat(19)}\r\n`);
    async function* gen(): AsyncGenerator<Buffer> {
      yield head;
      for (;;) yield Buffer.concat(Array.from({ length: 800 }, () => line));
    }
    const report = await validate(gen());
    expect(report.issues.map((i) => i.code)).toEqual(['message.too-large']);
  });

  test('a message within the cap is read to its end as before', async () => {
    const raw = messageOfSize(SES_V1_CAP);
    const report = await validate(Readable.from([raw.subarray(0, 5 * MB), raw.subarray(5 * MB)]));
    expect(report.issues).toEqual([]);
    expect(report.size).toBe(SES_V1_CAP);
  });

  test('the CLI on /dev/zero and on an endless standard input finishes with exit code 1', async () => {
    let stdout = '';
    const io: CliIo = {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: () => true },
      stdin: Readable.from(endless().iterable),
      cwd: '/',
      env: {},
    };
    expect(await runCli(['--format', 'json', '/dev/zero', '-'], io)).toBe(1);
    const out = JSON.parse(stdout) as { files: { file: string; report: { issues: { code: string }[] } }[] };
    expect(out.files.map((f) => f.file)).toEqual(['/dev/zero', '-']);
    for (const f of out.files) expect(f.report.issues.map((i) => i.code)).toContain('message.too-large');
  });
});

describe('a large message in memory is read in slices with turns of the event loop between them', () => {
  /** Runs `work` while counting the turns of the event loop (setImmediate callbacks) it lets through. */
  async function turnsDuring(work: () => Promise<unknown>): Promise<number> {
    let turns = 0;
    let running = true;
    const tick = () => {
      if (!running) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    await work();
    running = false;
    return turns;
  }

  test('an 8 MB Buffer and the same as a string: one turn per slice at least', async () => {
    const raw = messageOfSize(8 * MB);
    const slices = Math.ceil(raw.length / SLICE_BYTES);
    expect(await turnsDuring(() => validate(raw))).toBeGreaterThanOrEqual(slices - 1);
    expect(await turnsDuring(() => validate(raw.toString('latin1')))).toBeGreaterThanOrEqual(slices - 1);
  });

  test('a stream of small chunks that are already buffered yields as well', async () => {
    const raw = messageOfSize(8 * MB);
    const chunks: Buffer[] = [];
    for (let i = 0; i < raw.length; i += 16 * 1024) chunks.push(raw.subarray(i, i + 16 * 1024));
    const turns = await turnsDuring(() => validate(Readable.from(chunks)));
    expect(turns).toBeGreaterThanOrEqual(Math.floor(raw.length / SLICE_BYTES) - 1);
  });

  test('slicing does not change the report', async () => {
    const raw = messageOfSize(3 * MB);
    raw.write('\r\nQUJ!\r\n', 2 * MB + 5, 'latin1');
    const sliced = await validate(raw);
    const oneChunk = await validate(Readable.from([raw]));
    const small = await validate(Readable.from([raw.subarray(0, 1000), raw.subarray(1000)]));
    expect(sliced).toEqual(oneChunk);
    expect(sliced).toEqual(small);
  });
});

describe('memory stays bounded when a long header line arrives one byte at a time', () => {
  test('a 400 KB header line in 1-byte chunks: heap growth well under the 32 MB bound', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const head = Buffer.from('From: a@example.com\r\nTo: b@example.org\r\nX-Long: ');
    const tail = Buffer.from('\r\n\r\nbody\r\n');
    const size = head.length + 400 * 1024 + tail.length;
    gc();
    const used = () => {
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const base = used();
    let peak = 0;
    async function* bytewise(): AsyncGenerator<Uint8Array> {
      const one = new Uint8Array(1);
      for (let i = 0; i < size; i++) {
        one[0] =
          i < head.length
            ? (head[i] as number)
            : i >= size - tail.length
              ? (tail[i - (size - tail.length)] as number)
              : 0x79;
        if ((i & 0x3fff) === 0) peak = Math.max(peak, used() - base);
        yield one;
      }
    }
    const report = await validate(bytewise());
    peak = Math.max(peak, used() - base);
    expect(report.size).toBe(size);
    expect(report.issues.map((i) => i.code)).toContain('line.too-long');
    // Held as one growing buffer: the line itself (~0.4 MB, doubled at most) plus the garbage of the chunks.
    expect(peak).toBeLessThan(32 * MB);
  }, 60_000);
});

describe('a part read is not kept while the next header section is read', () => {
  test('its header values and decoded parameters (here ~1.6 MB) can be collected', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    // A ~0.9 MB RFC 2231 file name: the field's value and the decoded name are large strings while the part is read.
    const sections = Array.from(
      { length: 8_500 },
      (_, i) => `;\r\n filename*${i}*=${i === 0 ? "utf-8''" : ''}${'abcdefghij'.repeat(9)}`,
    );
    const head =
      'From: a@example.com\r\nTo: b@example.org\r\nMIME-Version: 1.0\r\n' +
      'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: application/octet-stream\r\n' +
      `Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment${sections.join('')}\r\n\r\nQUJD\r\n--b\r\n`;
    const nextHeader = `Content-Type: text/plain\r\nX-Filler: ${'x'.repeat(200)}\r\n`;
    const heapAfterGc = async () => {
      await new Promise((r) => setImmediate(r));
      gc();
      return process.memoryUsage().heapUsed;
    };
    let before = 0;
    let during = 0;
    async function* chunks(): AsyncGenerator<Buffer> {
      yield Buffer.from('From: a@example.com\r\n');
      before = await heapAfterGc();
      yield Buffer.from(head.slice('From: a@example.com\r\n'.length), 'latin1');
      // In the middle of the next part's header section: the first part has ended.
      yield Buffer.from(nextHeader);
      during = await heapAfterGc();
      yield Buffer.from(`X-More: ${'y'.repeat(200)}\r\n\r\nbody\r\n--b--\r\n`);
    }
    // Once before, so that code compiled on first use is not counted as memory kept.
    const whole = `${head}${nextHeader}X-More: ${'y'.repeat(200)}\r\n\r\nbody\r\n--b--\r\n`;
    expect((await validate(Buffer.from(whole, 'latin1'), { profile: 'ses-v2' })).issues).toEqual([]);
    const report = await validate(chunks(), { profile: 'ses-v2' });
    expect(report.issues.map((i) => i.message)).toEqual([]);
    expect(Buffer.byteLength(head)).toBeGreaterThan(0.85 * MB);
    // Kept, the first part's value (~0.9 MB) and decoded name (~0.7 MB) would be counted here.
    expect(during - before).toBeLessThan(MB);
  });
});

describe('a header section of many fields is not kept whole while it is read', () => {
  test('30,000 fields in: only the MIME fields are held (~5 MB of field objects were)', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const fields = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => `X-Field-${from + i}: value ${from + i}\r\n`).join('');
    const head =
      'From: a@example.com\r\nTo: b@example.org\r\nMIME-Version: 1.0\r\n' +
      'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n';
    const heapAfterGc = async () => {
      await new Promise((r) => setImmediate(r));
      gc();
      return process.memoryUsage().heapUsed;
    };
    const whole = `${head}${fields(0, 30_000)}${fields(30_000, 100)}\r\nbody\r\n--b--\r\n`;
    // Once before, so that code compiled on first use is not counted as memory kept.
    expect((await validate(Buffer.from(whole), { profile: 'ses-v2' })).issues).toEqual([]);
    let before = 0;
    let during = 0;
    async function* chunks(): AsyncGenerator<Buffer> {
      yield Buffer.from(head);
      before = await heapAfterGc();
      yield Buffer.from(fields(0, 30_000));
      during = await heapAfterGc();
      yield Buffer.from(`${fields(30_000, 100)}\r\nbody\r\n--b--\r\n`);
    }
    const report = await validate(chunks(), { profile: 'ses-v2' });
    expect(report.issues.map((i) => i.message)).toEqual([]);
    // The section's text is ~0.9 MB; its 30,000 field objects with their names and values were ~4.9 MB more.
    expect(during - before).toBeLessThan(MB);
  });
});
