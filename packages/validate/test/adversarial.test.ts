import { parseParamsValue, scanEncodedWords } from '@rawmail/mime';
import { describe, expect, test } from 'vitest';
import { MAX_ISSUES_PER_CODE } from '../src/report/issue-collector.js';
import { validateWithStats } from '../src/validate.js';
import { HEAD } from './helpers/fixtures.js';

/** Work per input byte allowed: a constant, whatever the input's shape. */
const WORK_PER_BYTE = 4;

async function* pieces(parts: Buffer[], chunk = 64 * 1024): AsyncGenerator<Buffer> {
  for (const p of parts) for (let i = 0; i < p.length; i += chunk) yield p.subarray(i, i + chunk);
}

describe('memory stays bounded whatever the message size (bytes held back, not wall-clock or heap)', () => {
  async function* generated(head: string, unit: Buffer, total: number, tail = ''): AsyncGenerator<Buffer> {
    yield Buffer.from(head, 'latin1');
    const chunk = Buffer.alloc(64 * 1024);
    for (let i = 0; i < chunk.length; i++) chunk[i] = unit[i % unit.length] as number;
    for (let sent = 0; sent < total; sent += chunk.length) yield chunk;
    if (tail) yield Buffer.from(tail, 'latin1');
  }
  test('40 MB body on one line, no line break at all', async () => {
    const { report, stats } = await validateWithStats(
      generated(`${HEAD}Content-Type: text/plain\r\n\r\n`, Buffer.from('x'), 40 * 1024 * 1024),
      // No size cap, so the whole line is read (ses-v2 stops reading at 40 MiB).
      { profile: 'rfc5322' },
    );
    expect(stats.maxHeldBytes).toBeLessThanOrEqual(1024);
    expect(report.issues.find((i) => i.code === 'line.too-long')?.message).toContain(
      `${40 * 1024 * 1024} octets`,
    );
  });
  test('40 MB of delimiter-like lines inside a multipart', async () => {
    const { stats } = await validateWithStats(
      generated(
        `${HEAD}Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n\r\n`,
        Buffer.from('--bx\r\n--'),
        40 * 1024 * 1024,
        '\r\n--b--\r\n',
      ),
      { profile: 'ses-v2' },
    );
    expect(stats.maxHeldBytes).toBeLessThanOrEqual(1024);
  });
  test('a 20 MB header line keeps at most the header section cap', async () => {
    const { stats } = await validateWithStats(
      generated(`${HEAD}X-Huge: `, Buffer.from('h'), 20 * 1024 * 1024, '\r\n\r\nbody\r\n'),
    );
    expect(stats.maxHeldBytes).toBeLessThanOrEqual(1024 * 1024 + 1);
  });
});

describe('hostile input is read in linear time (bounded work, not wall-clock)', () => {
  test('100,000 `=?x?y?` prefixes in one header', async () => {
    const subject = '=?x?y?'.repeat(100_000);
    const raw = Buffer.from(`${HEAD}Subject: ${subject}\r\n\r\nhi\r\n`, 'latin1');
    const { report, stats } = await validateWithStats(raw);
    expect(stats.work).toBeLessThanOrEqual(WORK_PER_BYTE * raw.length);
    const invalid = report.issues.filter((i) => i.code === 'encoded-word.invalid');
    expect(invalid.length).toBe(MAX_ISSUES_PER_CODE + 1); // capped, plus the summary
  });

  test('the encoded-word scanner alone: work grows linearly with the input', () => {
    for (const unit of ['=?x?y?', '=?=?', '=?a', '=?u?q?a?b?c', '=?utf-8?q?', '=?utf-8?b?YQ==?=']) {
      const small = { steps: 0 };
      const large = { steps: 0 };
      scanEncodedWords(unit.repeat(10_000), small);
      scanEncodedWords(unit.repeat(100_000), large);
      expect(large.steps, unit).toBeLessThanOrEqual(3 * unit.length * 100_000);
      expect(large.steps / Math.max(1, small.steps), unit).toBeLessThan(11);
    }
  });

  test('a 5 MB header line', async () => {
    const raw = Buffer.concat([
      Buffer.from(`${HEAD}X-Huge: `),
      Buffer.alloc(5 * 1024 * 1024, 'a'),
      Buffer.from('\r\n\r\nbody\r\n'),
    ]);
    const { report, stats } = await validateWithStats(pieces([raw]));
    expect(stats.work).toBeLessThanOrEqual(WORK_PER_BYTE * raw.length);
    const codes = report.issues.map((i) => i.code);
    expect(codes).toContain('line.too-long');
    expect(codes).toContain('header.section-too-large');
    expect(report.issues.find((i) => i.code === 'line.too-long')?.message).toContain(
      `${5 * 1024 * 1024 + 8} octets`,
    );
  });

  test('a 5 MB header line with no colon and no line break', async () => {
    const raw = Buffer.concat([Buffer.from(HEAD), Buffer.alloc(5 * 1024 * 1024, 'a')]);
    const { report, stats } = await validateWithStats(pieces([raw]));
    expect(stats.work).toBeLessThanOrEqual(WORK_PER_BYTE * raw.length);
    expect(report.issues.map((i) => i.code)).toContain('header.malformed');
  });

  test('a million tiny multipart parts', async () => {
    const n = 1_000_000;
    const head = Buffer.from(`${HEAD}Content-Type: multipart/mixed; boundary="b"\r\n\r\n`);
    const part = Buffer.from('--b\r\n\r\nx\r\n');
    const body = Buffer.alloc(part.length * n);
    for (let i = 0; i < n; i++) part.copy(body, i * part.length);
    const raw = [head, body, Buffer.from('--b--\r\n')];
    const size = raw.reduce((s, b) => s + b.length, 0);
    const { report, stats } = await validateWithStats(pieces(raw));
    expect(stats.parts).toBe(n + 1);
    expect(stats.work).toBeLessThanOrEqual(WORK_PER_BYTE * size);
    expect(report.issues).toEqual([]);
  }, 60_000);

  test('10,000 nested multiparts stop at the depth bound', async () => {
    const n = 10_000;
    let open = '';
    for (let i = 0; i < n; i++)
      open += `Content-Type: multipart/mixed; boundary="n${i}z"\r\n\r\n--n${i}z\r\n`;
    const raw = Buffer.from(`${HEAD}${open}\r\nleaf\r\n`, 'latin1');
    const { report, stats } = await validateWithStats(raw);
    expect(stats.work).toBeLessThanOrEqual(WORK_PER_BYTE * raw.length);
    expect(report.issues.map((i) => i.code)).toContain('mime.depth-exceeded');
  });

  test('many delimiter-like lines against 16 open boundaries', async () => {
    let open = '';
    for (let i = 0; i < 16; i++)
      open += `Content-Type: multipart/mixed; boundary="level${i}z"\r\n\r\n--level${i}z\r\n`;
    const noise = '--level15y\r\n'.repeat(200_000);
    const raw = Buffer.from(`${HEAD}${open}\r\n${noise}`, 'latin1');
    const { stats } = await validateWithStats(raw);
    expect(stats.work).toBeLessThanOrEqual(WORK_PER_BYTE * raw.length);
  });

  test('deeply nested comments and quoted strings in parameters', () => {
    for (const depth of [1_000, 100_000]) {
      const value = `text/plain; charset=us-ascii ${'('.repeat(depth)}x${')'.repeat(depth)}; name="${'\\"'.repeat(depth)}"`;
      const work = { steps: 0 };
      const parsed = parseParamsValue(value, true, work);
      expect(parsed.error).toMatch(/nested deeper/);
      expect(work.steps).toBeLessThanOrEqual(value.length);
    }
  });

  test('deeply nested groups and comments in address headers are refused quickly', async () => {
    const deep = 100_000;
    const to = `${'('.repeat(deep)}${')'.repeat(deep)} a@example.org, ${'g:'.repeat(deep)} b@example.org;`;
    const raw = Buffer.from(`${HEAD.replace('To: Bob <bob@example.org>', `To: ${to}`)}\r\nhi\r\n`, 'latin1');
    const { report, stats } = await validateWithStats(raw);
    expect(stats.work).toBeLessThanOrEqual(WORK_PER_BYTE * raw.length);
    expect(report.issues.some((i) => i.code === 'address.invalid' && i.header === 'To')).toBe(true);
  });
});
